/**
 * `keyless check <lab> --attendee <id> [--data-dir DIR] [--json]`
 *
 * Evaluates a lab's checks against one attendee's local sandbox (the same
 * SQLite files the running server uses) and exits 0 only if all pass.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLabs } from '@keyless/labs';
import { LocalSandboxProvider, startLocalAws } from '@keyless/local-sandbox';
import { checkLab } from './engine.ts';
import { formatReport } from './format-report.ts';

const usage = 'Usage: keyless check <lab-id> --attendee <attendee-id> [--data-dir data] [--labs-dir labs/content] [--json]';

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
  const labsDir = resolve(values['labs-dir'] ?? join(import.meta.dirname, '..', '..', 'labs', 'content'));
  const lab = loadLabs(labsDir).find((candidate) => candidate.definition.id === labId);
  if (!lab) {
    console.error(`No lab "${labId}" in ${labsDir}.`);
    return 2;
  }
  const aws = await startLocalAws({ dbPath: join(resolve(values['data-dir']), 'sandbox.db'), port: 0 });
  try {
    const provider = new LocalSandboxProvider({
      aws,
      createInstance: () => ({ run: () => Promise.reject(new Error('The CLI only checks; use the site to run code.')) }),
    });
    const report = await checkLab({ lab, sandbox: await provider.forAttendee(values.attendee) });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(lab.definition.title, report));
    return report.passed ? 0 : 1;
  } finally {
    await aws.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
