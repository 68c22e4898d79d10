import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { databaseFileErrorIn, InstructorStore, openSiteDatabase } from '../store/index.ts';
import { InstructorAuth, InstructorError, LOCAL_INSTRUCTOR, loginLinkUrl } from './instructor-auth.ts';
import { rotateKeysCommand } from './rotate-keys-command.ts';

export const USAGE = `Usage:
  npm run instructor -- create <username>   create an instructor account (asks for a password)
  npm run instructor -- link [<username>]   print a one-time login link (default: ${LOCAL_INSTRUCTOR})
  npm run instructor -- rotate-keys <event-id> [--attendee <attendee-id>] [--as <username>]
                                            rotate the user-pool signing keys of the event's attendees
                                            (or of one), in the running site's local sandbox

Options:
  --data-dir <dir>   the data directory (default: KEYLESS_DATA_DIR or ./data)
  --url <url>        the site's URL, for the link and rotate-keys (default: http://localhost:KEYLESS_PORT)

The password is read from the terminal without echo, or from stdin when piped
(e.g. from a password manager). It is stored only as a scrypt hash.`;

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly repoRoot: string;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** For rotate-keys, which asks the running site; default: global fetch. */
  readonly fetch?: typeof fetch;
}

/** `scripts/instructor.ts`: instructor accounts and login links, from the command line. Returns the exit code. */
export async function instructorCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = [...argv];
  const option = (name: string): string | undefined => {
    const index = args.indexOf(name);
    if (index < 0) return undefined;
    const [, value] = args.splice(index, 2);
    return value;
  };
  const dataDir = option('--data-dir') ?? io.env.KEYLESS_DATA_DIR ?? join(io.repoRoot, 'data');
  const url = (option('--url') ?? `http://localhost:${io.env.KEYLESS_PORT ?? 4321}`).replace(/\/$/, '');
  const attendeeId = option('--attendee');
  const as = option('--as');
  const [command, username] = args;
  if (command !== 'create' && command !== 'link' && command !== 'rotate-keys') {
    io.err(USAGE);
    return 2;
  }
  const db = openOrExplain(join(dataDir, 'keyless.db'), io);
  if (!db) return 1;
  try {
    const auth = new InstructorAuth(new InstructorStore(db));
    if (command === 'rotate-keys') {
      if (!username) {
        io.err(USAGE);
        return 2;
      }
      const request = {
        siteUrl: url,
        eventId: username,
        username: as ?? LOCAL_INSTRUCTOR,
        ...(attendeeId === undefined ? {} : { attendeeId }),
      };
      return await rotateKeysCommand(request, auth, { out: io.out, err: io.err, fetch: io.fetch ?? fetch });
    }
    if (command === 'create') {
      if (!username) {
        io.err(USAGE);
        return 2;
      }
      const password = await readPassword(io);
      const instructor = await auth.create(username, password);
      io.out(`Created instructor "${instructor.username}". Sign in at ${url}/instructor/login`);
      return 0;
    }
    io.out(loginLinkUrl(url, auth.loginLinkToken(username ?? LOCAL_INSTRUCTOR)));
    io.out('Works once, within 15 minutes. The token is after "#", so it never reaches server logs.');
    return 0;
  } catch (error) {
    if (error instanceof InstructorError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}

async function readPassword(io: CliIo): Promise<string> {
  if (!io.stdin.isTTY) {
    let text = '';
    for await (const chunk of io.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  // Echo off: the prompt is written, the typed characters are not.
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: io.stdin, output, terminal: true });
  try {
    const ask = async (prompt: string): Promise<string> => {
      muted = false;
      const answer = rl.question(prompt);
      muted = true;
      const value = await answer;
      process.stderr.write('\n');
      return value;
    };
    const password = await ask('Password (12+ characters): ');
    if (password !== (await ask('Again: '))) throw new InstructorError('The passwords do not match.');
    return password;
  } finally {
    rl.close();
  }
}

/** The database, or undefined once an empty or damaged file has been explained (which file, what to do), without a stack trace. */
function openOrExplain(path: string, io: CliIo): DatabaseSync | undefined {
  try {
    return openSiteDatabase(path);
  } catch (error) {
    const unusable = databaseFileErrorIn(error);
    if (!unusable) throw error;
    io.err(unusable.message);
    return undefined;
  }
}
