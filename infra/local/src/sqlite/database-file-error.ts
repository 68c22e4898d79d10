/**
 * What stops start-up when a database file cannot be used: which file, what
 * is wrong with it, and the two ways on (restore a copy, or start fresh and
 * lose what the file held). Entry points print the message alone, without a
 * stack trace, because the message is the whole instruction.
 */
export interface DatabaseFileRole {
  /** What the file is, for people: "the event database". */
  readonly name: string;
  /** What starting over without it loses, said in the "move it aside" remedy. */
  readonly freshStartLoses: string;
}

export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
  readonly path: string;
  readonly problem: string;

  constructor(path: string, role: DatabaseFileRole, problem: string) {
    super(
      [
        `Keyless cannot open ${role.name} ${path}: it ${problem}.`,
        'The file was left as it is, and nothing was created in its place. To go on, either',
        `  - restore a copy: put a backup (\`npm run backup\` writes them) at ${path}, or`,
        `  - start fresh: move ${path} (and ${path}-wal, ${path}-shm if present) aside, e.g. add .broken to their names;`,
        `    this loses ${role.freshStartLoses}.`,
      ].join('\n'),
    );
    this.path = path;
    this.problem = problem;
  }
}

/** The DatabaseFileError behind an error (or its causes), for entry points to print without a stack trace. */
export function databaseFileErrorIn(error: unknown): DatabaseFileError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth += 1) {
    if (current instanceof DatabaseFileError) return current;
  }
  return undefined;
}
