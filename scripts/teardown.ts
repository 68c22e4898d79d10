// `npm run teardown -- --event <id> --region R`: attendee stacks, the event stack, then a sweep of tagged
// leftovers in every enabled region. Exits non-zero if anything is left. Logic in infra/aws/src/provisioner; see docs/aws.md.
import { AccountClient } from '@aws-sdk/client-account';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { parseTeardownArgs, sdkClientFactory, teardown, UsageError } from '@keyless/aws-sandbox';

let args;
try {
  args = parseTeardownArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof UsageError || error instanceof TypeError ? error.message : error);
  process.exit(2);
}
const result = await teardown({
  eventId: args.event,
  concurrency: args.concurrency,
  cloudformation: new CloudFormationClient({ region: args.region }),
  // account:ListRegions is served from us-east-1 for the whole account.
  account: new AccountClient({ region: 'us-east-1' }),
  ec2: new EC2Client({ region: args.region }),
  tagging: (region) => new ResourceGroupsTaggingAPIClient({ region }),
  sweepClients: sdkClientFactory(),
  log: console.log,
});
console.log(
  `Deleted ${String(result.deletedStacks.length)} stacks; swept ${String(result.swept.length)} leftovers in ${String(result.sweptRegions.length)} regions.`,
);
if (result.notDeleted.length > 0) {
  console.error('Could NOT delete (these still cost money; delete them in the console):');
  for (const item of result.notDeleted) console.error(`  ${item.what}\n    ${item.reason}`);
  process.exit(1);
}
