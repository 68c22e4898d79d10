import { DescribeInstanceTypesCommand, paginateDescribeInstances, type EC2Client, type _InstanceType } from '@aws-sdk/client-ec2';
import { GetAccountSummaryCommand, type IAMClient } from '@aws-sdk/client-iam';
import { paginateListTrustAnchors, type RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { GetServiceQuotaCommand, paginateListServiceQuotas, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { withBackoff, type BackoffOptions } from './backoff.ts';

/**
 * Before anything is created: does this account, in this region, have room
 * for N attendees? Live quotas from Service Quotas and usage from describe
 * calls, plus AWS's fixed limits, which no request raises. A shortfall is a
 * refusal that says which quota to ask for and how much.
 *
 * Sources (each checked with the documentation):
 * - EC2 "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
 *   quota L-1216C47A, counted in vCPUs (Service Quotas; new accounts often 5–32);
 * - IAM roles (1,000) and instance profiles (1,000) per account, with usage,
 *   from GetAccountSummary (RolesQuota/Roles, InstanceProfilesQuota/InstanceProfiles);
 * - Cognito "App clients per user pool" (1,000) — Cognito quotas page;
 * - IAM Roles Anywhere trust anchors per region (50) and the control plane's
 *   1 request per second for trust-anchor and for profile calls (Roles Anywhere quotas page);
 * - API Gateway CreateDomainName: 1 request every 30 seconds per account,
 *   fixed (API Gateway quotas, "creating, deploying and managing an API");
 * - Cognito client-credentials token requests, 150 per second per account
 *   and region, not adjustable, shared by the whole room (issue 11; Cognito quotas page).
 */
export interface QuotaCheck {
  readonly name: string;
  readonly limit: number;
  readonly used: number;
  readonly needed: number;
  readonly ok: boolean;
  /** What to ask AWS for when not ok. */
  readonly request: string;
}

export interface PreflightReport {
  readonly region: string;
  readonly checks: readonly QuotaCheck[];
  /** Fixed limits that shape the run or the session but refuse nothing. */
  readonly notes: readonly string[];
  readonly ok: boolean;
  readonly text: string;
}

export interface PreflightClients {
  readonly serviceQuotas: ServiceQuotasClient;
  readonly ec2: EC2Client;
  readonly iam: IAMClient;
  readonly rolesAnywhere: RolesAnywhereClient;
}

/** Per attendee: instance, orders, client-manager, roles-anywhere, ci and the audience-only ci role (contract/attendee-names.ts). */
export const ROLES_PER_ATTENDEE = 6;
/** Roles the event stack creates (Lambda execution roles, the authorizers', CDK's custom resources): an upper bound. */
export const EVENT_STACK_ROLES = 12;
export const CLIENTS_PER_ATTENDEE = 3;
const STANDARD_FAMILIES = /^[acdhimrtz]/;

export async function preflight(options: {
  clients: PreflightClients;
  region: string;
  attendees: number;
  instanceType: string;
  backoff?: BackoffOptions;
}): Promise<PreflightReport> {
  const { clients, attendees } = options;
  const retry = <T>(call: () => Promise<T>): Promise<T> => withBackoff(call, options.backoff);

  const vcpuQuota = await retry(() =>
    clients.serviceQuotas.send(new GetServiceQuotaCommand({ ServiceCode: 'ec2', QuotaCode: 'L-1216C47A' })),
  );
  const types = await retry(() =>
    clients.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [options.instanceType as _InstanceType] })),
  );
  const vcpusPerInstance = types.InstanceTypes?.[0]?.VCpuInfo?.DefaultVCpus;
  if (vcpusPerInstance === undefined) throw new Error(`EC2 does not know instance type ${options.instanceType} in ${options.region}`);
  let vcpusUsed = 0;
  for await (const page of paginateDescribeInstances(
    { client: clients.ec2 },
    { Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] },
  )) {
    for (const reservation of page.Reservations ?? [])
      for (const instance of reservation.Instances ?? [])
        if (STANDARD_FAMILIES.test(instance.InstanceType ?? ''))
          vcpusUsed += (instance.CpuOptions?.CoreCount ?? 1) * (instance.CpuOptions?.ThreadsPerCore ?? 1);
  }
  const summary = (await retry(() => clients.iam.send(new GetAccountSummaryCommand({})))).SummaryMap ?? {};
  const appClients = await quotaByName(clients.serviceQuotas, 'cognito-idp', /app clients per user pool/i, 1000);
  const anchors = await quotaByName(clients.serviceQuotas, 'rolesanywhere', /trust anchors/i, 50);
  let anchorsUsed = 0;
  for await (const page of paginateListTrustAnchors({ client: clients.rolesAnywhere }, {})) anchorsUsed += page.trustAnchors?.length ?? 0;

  const check = (name: string, limit: number, used: number, needed: number, request: string): QuotaCheck => ({
    name,
    limit,
    used,
    needed,
    ok: used + needed <= limit,
    request: `${request} to at least ${String(used + needed)} in ${options.region}`,
  });
  const checks = [
    check(
      `EC2 On-Demand Standard vCPUs (${String(attendees)} × ${options.instanceType}, ${String(vcpusPerInstance)} vCPU)`,
      vcpuQuota.Quota?.Value ?? 0,
      vcpusUsed,
      attendees * vcpusPerInstance,
      'Request Service Quotas ec2 / L-1216C47A "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances"',
    ),
    check(
      'IAM roles',
      summary.RolesQuota ?? 1000,
      summary.Roles ?? 0,
      attendees * ROLES_PER_ATTENDEE + EVENT_STACK_ROLES,
      'Request IAM "Roles per account" (Service Quotas iam)',
    ),
    check(
      'IAM instance profiles',
      summary.InstanceProfilesQuota ?? 1000,
      summary.InstanceProfiles ?? 0,
      attendees,
      'Request IAM "Instance profiles per account" (Service Quotas iam)',
    ),
    check(
      'Cognito app clients in the event’s user pool',
      appClients,
      0,
      attendees * CLIENTS_PER_ATTENDEE,
      'Request Cognito "App clients per user pool" (Service Quotas cognito-idp)',
    ),
    check(
      'IAM Roles Anywhere trust anchors',
      anchors,
      anchorsUsed,
      1,
      'Request IAM Roles Anywhere "Trust anchors" (Service Quotas rolesanywhere), or delete unused ones',
    ),
  ];
  const notes = [
    'API Gateway CreateDomainName is 1 request per 30 s per account (fixed): one mTLS custom domain per event, so never create events in a loop.',
    `IAM Roles Anywhere's control plane takes 1 request per second for profiles: ${String(attendees)} attendee profiles need at least ${String(attendees)} s; throttled creates are retried with backoff.`,
    ...(attendees > 150
      ? [
          `Cognito client-credentials token requests are capped at 150 per second for the account (not adjustable): ${String(attendees)} attendees pressing Run at once can exceed it; their code should cache tokens (lab 3 teaches it).`,
        ]
      : ['Cognito client-credentials token requests are capped at 150 per second for the account (not adjustable), shared by the room.']),
  ];
  const ok = checks.every((item) => item.ok);
  const lines = checks.map(
    (item) =>
      `${item.ok ? 'ok  ' : 'FAIL'} ${item.name}: ${String(item.used)} used + ${String(item.needed)} needed of ${String(item.limit)}`,
  );
  const refusals = checks.filter((item) => !item.ok).map((item) => `  - ${item.request}`);
  const text = [
    `Preflight for ${String(attendees)} attendees in ${options.region}:`,
    ...lines.map((line) => `  ${line}`),
    ...notes.map((note) => `  note: ${note}`),
    ...(ok ? [] : ['Refusing to create anything. Ask AWS for more first (Service Quotas console → Request increase):', ...refusals]),
  ].join('\n');
  return { region: options.region, checks, notes, ok, text };
}

/** A quota found by name (codes differ between services and change less visibly than names); AWS's documented default if absent. */
async function quotaByName(client: ServiceQuotasClient, serviceCode: string, name: RegExp, documentedDefault: number): Promise<number> {
  for await (const page of paginateListServiceQuotas({ client }, { ServiceCode: serviceCode })) {
    const quota = page.Quotas?.find((item) => name.test(item.QuotaName ?? ''));
    if (quota?.Value !== undefined) return quota.Value;
  }
  return documentedDefault;
}
