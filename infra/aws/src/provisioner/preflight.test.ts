/** Preflight and the estimate against recorded responses (fixtures/, sources named in each); no call leaves the machine. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';
import { DescribeInstancesCommand, DescribeInstanceTypesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListTrustAnchorsCommand, RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { GetServiceQuotaCommand, ListServiceQuotasCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { estimate } from './estimate.ts';
import { preflight, type PreflightClients } from './preflight.ts';

const recorded = (name: string): object =>
  (JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as { response: object }).response;

const quotas = mockClient(ServiceQuotasClient);
const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
// npm's newest Roles Anywhere client (3.332) predates the smithy types aws-sdk-client-mock is typed against; at run time it mocks like the others.
const rolesAnywhere = mockClient(RolesAnywhereClient as unknown as Parameters<typeof mockClient>[0]);
const clients = (): PreflightClients => ({
  serviceQuotas: new ServiceQuotasClient({ region: 'eu-west-1' }),
  ec2: new EC2Client({ region: 'eu-west-1' }),
  iam: new IAMClient({ region: 'eu-west-1' }),
  rolesAnywhere: new RolesAnywhereClient({ region: 'eu-west-1' }),
});

beforeEach(() => {
  for (const mock of [quotas, ec2, iam, rolesAnywhere]) mock.reset();
  quotas.on(GetServiceQuotaCommand, { ServiceCode: 'ec2', QuotaCode: 'L-1216C47A' }).resolves(recorded('get-service-quota-ec2-vcpu.json'));
  quotas.on(ListServiceQuotasCommand, { ServiceCode: 'cognito-idp' }).resolves(recorded('list-service-quotas-cognito.json'));
  quotas.on(ListServiceQuotasCommand, { ServiceCode: 'rolesanywhere' }).resolves({ Quotas: [] });
  ec2.on(DescribeInstanceTypesCommand).resolves(recorded('describe-instance-types-t4g-small.json'));
  ec2.on(DescribeInstancesCommand).resolves(recorded('describe-instances-running.json'));
  iam.on(GetAccountSummaryCommand).resolves(recorded('get-account-summary.json'));
  rolesAnywhere.on(ListTrustAnchorsCommand as never).resolves({ trustAnchors: [{ trustAnchorId: 'old', name: 'someone-elses' }] } as never);
});

test('a new account with 32 vCPUs is refused for 50 attendees, naming the quota and how much to ask for', async () => {
  const report = await preflight({ clients: clients(), region: 'eu-west-1', attendees: 50, instanceType: 't4g.small' });
  assert.equal(report.ok, false);
  const vcpu = report.checks[0];
  // m7g.large (2) + t3.medium (1×2) are Standard; the g5 is not.
  assert.deepEqual([vcpu?.limit, vcpu?.used, vcpu?.needed, vcpu?.ok], [32, 4, 100, false]);
  assert.match(report.text, /Refusing to create anything/);
  assert.match(report.text, /ec2 \/ L-1216C47A .* to at least 104 in eu-west-1/);
  const roles = report.checks.find((check) => check.name === 'IAM roles');
  assert.deepEqual([roles?.used, roles?.needed, roles?.ok], [212, 50 * 6 + 12, true]);
  assert.equal(
    report.checks.find((check) => check.name.includes('trust anchors'))?.limit,
    50,
    'the documented default when Service Quotas has none',
  );
  assert.match(report.text, /CreateDomainName is 1 request per 30 s/);
});

test('the same account passes for 10 attendees; 200 attendees also trips IAM roles and warns about the 150 RPS token cap', async () => {
  assert.equal((await preflight({ clients: clients(), region: 'eu-west-1', attendees: 10, instanceType: 't4g.small' })).ok, true);
  quotas.on(GetServiceQuotaCommand).resolves({ Quota: { QuotaCode: 'L-1216C47A', Value: 1000 } });
  const big = await preflight({ clients: clients(), region: 'eu-west-1', attendees: 200, instanceType: 't4g.small' });
  assert.deepEqual(
    big.checks.filter((check) => !check.ok).map((check) => check.name),
    ['IAM roles'],
  );
  assert.match(big.text, /150 per second .* 200 attendees pressing Run at once/);
});

test('the estimate prints cost per attendee-hour with the prices’ date, and time from the concurrency', () => {
  const fifty = estimate(50, 10, 1);
  assert.ok(fifty.perAttendeeHourUsd > 0.0168, 'more than the instance alone');
  assert.match(fifty.text, /Cost per attendee-hour ≈ \$0\.\d{4} \(us-east-1 On-Demand prices of 2026-12-02/);
  assert.ok(estimate(50, 5, 1).provisionMinutes > fifty.provisionMinutes, 'less concurrency takes longer');
});
