// `npx keyless check <lab-id> --attendee <attendee-id> [--data-dir data] [--labs-dir labs/content] [--json]`:
// evaluates a lab's checks against what one attendee's local sandbox recorded and exits 0 only if all pass.
// Thin on purpose: it reads the data directory read-only (@keyless/local-sandbox/read-only) and judges with
// @keyless/checker; it starts no emulator and provisions nothing, so it is safe beside the running server.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkLab, formatReport } from '@keyless/checker';
import { loadLabs } from '@keyless/labs';
import { openReadOnlySandboxes } from '@keyless/local-sandbox/read-only';

const usage = 'Usage: keyless check <lab-id> --attendee <attendee-id> [--data-dir data] [--labs-dir labs/content] [--json]';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      attendee: { type: 'string' },
      'data-dir': { type: 'string', default: 'data' },
      'labs-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, labId] = positionals;
  if (values.help || command !== 'check' || !labId || !values.attendee) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  const labsDir = resolve(values['labs-dir'] ?? join(repoRoot, 'labs', 'content'));
  const lab = loadLabs(labsDir).find((candidate) => candidate.definition.id === labId);
  if (!lab) {
    console.error(`No lab "${labId}" in ${labsDir}.`);
    return 2;
  }
  const dataDir = resolve(values['data-dir']);
  let sandboxes;
  try {
    sandboxes = openReadOnlySandboxes({ dataDir });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  try {
    const sandbox = sandboxes.forAttendee(values.attendee);
    if (!sandbox) {
      console.error(
        `No attendee "${values.attendee}" in ${join(dataDir, 'sandbox.db')}: this sandbox has never seen them, so there is nothing to check (and nothing was created).\n` +
          "Check the id (the instructor dashboard's attendee dialog shows it) and the --data-dir.",
      );
      return 2;
    }
    const report = await checkLab({ lab, sandbox });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(lab.definition.title, report));
    return report.passed ? 0 : 1;
  } finally {
    sandboxes.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
