import { DeleteStackCommand, paginateListStacks, type CloudFormationClient, type StackStatus } from '@aws-sdk/client-cloudformation';
import { paginateListRegions, type AccountClient } from '@aws-sdk/client-account';
import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { awsEventName, eventStackName } from '../contract/stack-outputs.ts';
import { KEYLESS_PROJECT_TAG_VALUE, KEYLESS_TAGS } from '../contract/tags.ts';
import { withBackoff, type BackoffOptions } from './backoff.ts';
import { describeStack } from './deploy-stack.ts';
import { forEachLimited } from './limit-concurrency.ts';
import { deleterFor, parseArn, type SweepClientFactory } from './sweep-deleters.ts';

export interface TeardownOptions {
  readonly eventId: string;
  readonly concurrency: number;
  readonly cloudformation: CloudFormationClient;
  /** Enabled regions: Account ListRegions, or EC2 DescribeRegions where the caller may not use the Account API. */
  readonly account: AccountClient;
  readonly ec2: EC2Client;
  readonly tagging: (region: string) => ResourceGroupsTaggingAPIClient;
  readonly sweepClients: SweepClientFactory;
  readonly backoff?: BackoffOptions;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
}

export interface TeardownResult {
  readonly deletedStacks: readonly string[];
  /** What is still there, with why: a non-empty list means exit non-zero. */
  readonly notDeleted: readonly { what: string; reason: string }[];
  readonly sweptRegions: readonly string[];
  readonly swept: readonly string[];
}

const LIVE: StackStatus[] = [
  'CREATE_COMPLETE',
  'CREATE_FAILED',
  'CREATE_IN_PROGRESS',
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'ROLLBACK_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_IN_PROGRESS',
  'DELETE_FAILED',
  'DELETE_IN_PROGRESS',
];

/**
 * Tears an event down: every attendee stack (K at a time), then the event
 * stack, then a sweep of whatever still carries the event's tags in every
 * enabled region. Reports what it could not delete; nothing is silently left.
 */
export async function teardown(options: TeardownOptions): Promise<TeardownResult> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoff = { sleep, ...options.backoff };
  const pollMs = options.pollMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  const eventStack = eventStackName(options.eventId);
  const attendeePattern = new RegExp(`^${eventStack.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-a\\d{3}$`);
  const notDeleted: { what: string; reason: string }[] = [];
  const deletedStacks: string[] = [];

  const stacks: string[] = [];
  for await (const page of paginateListStacks({ client: options.cloudformation }, { StackStatusFilter: LIVE }))
    for (const stack of page.StackSummaries ?? [])
      if (stack.StackName && attendeePattern.test(stack.StackName)) stacks.push(stack.StackName);

  const remove = async (stackName: string): Promise<void> => {
    await withBackoff(() => options.cloudformation.send(new DeleteStackCommand({ StackName: stackName })), backoff);
    let stack = await describeStack({ cloudformation: options.cloudformation, backoff }, stackName);
    while (stack?.StackStatus === 'DELETE_IN_PROGRESS') {
      await sleep(pollMs);
      stack = await describeStack({ cloudformation: options.cloudformation, backoff }, stackName);
    }
    if (stack) throw new Error(`${stack.StackStatus ?? '?'}: ${stack.StackStatusReason ?? 'see its events in the CloudFormation console'}`);
    deletedStacks.push(stackName);
    log(`deleted ${stackName}`);
  };
  const results = await forEachLimited(stacks.sort(), options.concurrency, remove);
  results.forEach((result, index) => {
    if (result.status === 'rejected') notDeleted.push({ what: `stack ${stacks[index] ?? '?'}`, reason: (result.reason as Error).message });
  });
  // The event stack holds what attendee stacks use (the pool, the API, the trust anchor): only after them.
  if (await describeStack({ cloudformation: options.cloudformation, backoff }, eventStack)) {
    await remove(eventStack).catch((error: unknown) => notDeleted.push({ what: `stack ${eventStack}`, reason: (error as Error).message }));
  }

  const regions = await enabledRegions(options, backoff);
  const swept: string[] = [];
  for (const region of regions) {
    for await (const page of paginateGetResources(
      { client: options.tagging(region) },
      {
        TagFilters: [
          { Key: KEYLESS_TAGS.project, Values: [KEYLESS_PROJECT_TAG_VALUE] },
          { Key: KEYLESS_TAGS.event, Values: [awsEventName(options.eventId)] },
        ],
      },
    )) {
      for (const resource of page.ResourceTagMappingList ?? []) {
        const arn = resource.ResourceARN;
        if (arn === undefined) continue;
        const parsed = parseArn(arn);
        const deleter = parsed ? deleterFor(parsed, options.sweepClients) : undefined;
        if (!deleter) {
          notDeleted.push({ what: arn, reason: 'no automatic deleter for this resource type; delete it in the console' });
          continue;
        }
        try {
          await withBackoff(deleter, backoff);
          swept.push(arn);
          log(`swept ${arn}`);
        } catch (error) {
          notDeleted.push({ what: arn, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        }
      }
    }
  }
  return { deletedStacks, notDeleted, sweptRegions: regions, swept };
}

async function enabledRegions(options: TeardownOptions, backoff: BackoffOptions): Promise<string[]> {
  try {
    const regions: string[] = [];
    for await (const page of paginateListRegions(
      { client: options.account },
      { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] },
    ))
      for (const region of page.Regions ?? []) if (region.RegionName) regions.push(region.RegionName);
    return regions;
  } catch (error) {
    // account:ListRegions needs its own permission; EC2's list of regions this account can use is the fallback.
    if (!(error instanceof Error) || !/AccessDenied/.test(error.name)) throw error;
    const answer = await withBackoff(() => options.ec2.send(new DescribeRegionsCommand({ AllRegions: false })), backoff);
    return (answer.Regions ?? []).flatMap((region) => (region.RegionName ? [region.RegionName] : []));
  }
}
