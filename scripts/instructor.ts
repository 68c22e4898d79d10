// Instructor accounts and one-time login links. Thin on purpose; the logic lives in site/src/server/instructors.
import { fileURLToPath } from 'node:url';
import { instructorCli } from '@keyless/site/instructors';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
process.exitCode = await instructorCli(process.argv.slice(2), {
  env: process.env,
  repoRoot,
  stdin: process.stdin,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
