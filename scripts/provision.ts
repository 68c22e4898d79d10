// `npm run provision -- --event <id> --attendees N --concurrency K --region R --templates <dir> [--yes]`:
// preflight, estimate, then the event's stacks into the site's sandbox pool. Logic in infra/aws/src/provisioner; see docs/aws.md.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import {
  awsEventName,
  estimate,
  fileStateStore,
  parseProvisionArgs,
  preflight,
  progressLine,
  provision,
  templatesFromDirectory,
  UsageError,
} from '@keyless/aws-sandbox';
import { sandboxPoolSink } from '@keyless/site/pool-sink';
import { EventStore, openSiteDatabase, SandboxPoolStore } from '@keyless/site/store';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.env.KEYLESS_DATA_DIR ?? join(repoRoot, 'data');
/** Everything of an event is a leftover this long after it ends: the TTL tag a sweep looks for. */
const GRACE_MS = 6 * 60 * 60 * 1000;

let args;
try {
  args = parseProvisionArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof UsageError || error instanceof TypeError ? error.message : error);
  process.exit(2);
}
const db = openSiteDatabase(join(dataDir, 'keyless.db'));
const event = new EventStore(db).get(args.event);
if (!event || event.sandboxMode !== 'aws') {
  console.error(
    event
      ? `Event ${args.event} uses ${event.sandboxMode} sandboxes; create an AWS-mode event in the dashboard.`
      : `No event ${args.event} in ${dataDir}.`,
  );
  process.exit(2);
}
const region = args.region;
const report = await preflight({
  clients: {
    serviceQuotas: new ServiceQuotasClient({ region }),
    ec2: new EC2Client({ region }),
    iam: new IAMClient({ region }),
    rolesAnywhere: new RolesAnywhereClient({ region }),
  },
  region,
  attendees: args.attendees,
  instanceType: args.instanceType,
});
console.log(report.text);
console.log(estimate(args.attendees, args.concurrency, args.hours).text);
if (!report.ok) process.exit(3);
if (!args.yes) {
  console.log('\nNothing created. Re-run with --yes to create the stacks.');
  process.exit(0);
}

const stop = new AbortController();
process.once('SIGINT', () => {
  console.log('\nStopping after the stacks in progress; run the same command again to resume.');
  stop.abort();
});
const tty = process.stdout.isTTY;
const result = await provision({
  eventId: event.id,
  attendees: args.attendees,
  concurrency: args.concurrency,
  cloudformation: new CloudFormationClient({ region }),
  templates: templatesFromDirectory(args.templates, event.id),
  state: fileStateStore(join(dataDir, 'aws', `${awsEventName(event.id)}.provision.json`)),
  pool: sandboxPoolSink(new SandboxPoolStore(db)),
  expiresAt: new Date(event.endsAt + GRACE_MS).toISOString(),
  signal: stop.signal,
  onProgress: (progress) => {
    if (tty) process.stdout.write(`\r${progressLine(progress)}`);
    else if (progress.slot) console.log(progressLine(progress));
  },
});
db.close();
console.log(`\n${String(result.pooled.length)} sandboxes in the pool for "${event.name}".`);
for (const failure of result.failed) console.error(`  ${failure.slot}: ${failure.error}`);
if (result.skipped.length > 0) console.log(`  ${String(result.skipped.length)} not started (stopped); run again to resume.`);
process.exit(result.failed.length > 0 || result.skipped.length > 0 ? 1 : 0);
