/**
 * Teardown against CloudFormation's behaviour and recorded tagging answers:
 * attendee stacks before the event stack, a sweep of every enabled region,
 * and leftovers that cannot be deleted reported (the CLI exits non-zero).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeRegionsCommand, EC2Client, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { installCloudFormationDouble, type CloudFormationDouble } from '../test-support/cloudformation-double.ts';
import { sdkClientFactory } from './sweep-deleters.ts';
import { teardown } from './teardown.ts';

const recorded = (name: string): object =>
  (JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as { response: object }).response;

const cfnMock = mockClient(CloudFormationClient);
const account = mockClient(AccountClient);
const ec2 = mockClient(EC2Client);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const ddb = mockClient(DynamoDBClient);
let cfn: CloudFormationDouble;

const options = () => ({
  eventId: 'evt1',
  concurrency: 2,
  cloudformation: new CloudFormationClient({ region: 'eu-west-1' }),
  account: new AccountClient({ region: 'us-east-1' }),
  ec2: new EC2Client({ region: 'eu-west-1' }),
  tagging: (region: string) => new ResourceGroupsTaggingAPIClient({ region }),
  sweepClients: sdkClientFactory(),
  sleep: () => new Promise<void>((resolve) => setImmediate(resolve)),
  pollMs: 0,
});

beforeEach(() => {
  for (const mock of [cfnMock, account, ec2, tagging, ddb]) mock.reset();
  cfn = installCloudFormationDouble(cfnMock);
  for (const name of ['keyless-evt1', 'keyless-evt1-a001', 'keyless-evt1-a002', 'keyless-evt1-a003', 'keyless-evt10-a001', 'other-stack'])
    cfn.stacks.set(name, { status: 'CREATE_COMPLETE', polls: 0, tags: [] });
  account.on(ListRegionsCommand).resolves({
    Regions: [
      { RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
      { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
    ],
  });
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
});

test('attendee stacks go first, then the event stack; other events’ and others’ stacks are never touched', async () => {
  const result = await teardown(options());
  const deletes = cfnMock.commandCalls(DeleteStackCommand).map((call) => call.args[0].input.StackName);
  assert.deepEqual(deletes, ['keyless-evt1-a001', 'keyless-evt1-a002', 'keyless-evt1-a003', 'keyless-evt1']);
  assert.deepEqual([...cfn.stacks.keys()].sort(), ['keyless-evt10-a001', 'other-stack']);
  assert.deepEqual(result.notDeleted, []);
  assert.deepEqual(result.sweptRegions, ['eu-west-1', 'us-east-1']);
  const filters = tagging.commandCalls(GetResourcesCommand)[0]?.args[0].input.TagFilters;
  assert.deepEqual(filters, [
    { Key: 'keyless:project', Values: ['keyless'] },
    { Key: 'keyless:event', Values: ['evt1'] },
  ]);
});

test('the sweep deletes tagged leftovers it can and reports the rest: a bucket with no deleter, a table whose deletion is refused, a stack that failed to delete', async () => {
  cfn.failDelete.add('keyless-evt1');
  // The leftovers are in the first region swept (eu-west-1); us-east-1 has none.
  let call = 0;
  tagging.on(GetResourcesCommand).callsFake(() => {
    call += 1;
    return call === 1 ? recorded('get-resources-leftovers.json') : { ResourceTagMappingList: [] };
  });
  ddb
    .on(DeleteTableCommand)
    .rejects(Object.assign(new Error('User is not authorized to perform: dynamodb:DeleteTable'), { name: 'AccessDeniedException' }));
  ec2.on(TerminateInstancesCommand).resolves({ TerminatingInstances: [{ InstanceId: 'i-0aa11bb22cc33dd44' }] });
  const result = await teardown(options());
  assert.deepEqual(result.swept, ['arn:aws:ec2:eu-west-1:123456789012:instance/i-0aa11bb22cc33dd44']);
  assert.deepEqual(
    result.notDeleted.map((item) => item.what),
    [
      'stack keyless-evt1',
      'arn:aws:dynamodb:eu-west-1:123456789012:table/keyless-evt1-EvidenceTable1A2B3C4D-1QWERTY',
      'arn:aws:s3:::keyless-evt1-truststorebucket-1a2b3c4d5e6f',
    ],
  );
  assert.match(result.notDeleted[0]?.reason ?? '', /DELETE_FAILED: The following resource\(s\) failed to delete/);
  assert.match(result.notDeleted[1]?.reason ?? '', /AccessDeniedException/);
  assert.match(result.notDeleted[2]?.reason ?? '', /delete it in the console/);
});

test('without permission for account:ListRegions, the regions come from EC2 DescribeRegions', async () => {
  account.on(ListRegionsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
  ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'eu-central-1' }] });
  assert.deepEqual((await teardown(options())).sweptRegions, ['eu-central-1']);
});
