import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  type CloudFormationClient,
  type Stack,
  type Tag,
} from '@aws-sdk/client-cloudformation';
import { withBackoff, type BackoffOptions } from './backoff.ts';
import { stackParameters, type KnownParameters, type StackTemplate } from './templates.ts';

export interface StackDeployOptions {
  readonly cloudformation: CloudFormationClient;
  readonly stackName: string;
  readonly template: StackTemplate;
  readonly parameters: KnownParameters;
  readonly tags: readonly Tag[];
  readonly backoff: BackoffOptions;
  readonly sleep: (ms: number) => Promise<void>;
  /** Between DescribeStacks polls while a stack is in progress. */
  readonly pollMs: number;
}

const DONE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE']);
/** A stack that failed to create and rolled back can only be deleted, then created again. */
const RECREATE = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED']);

/** The stack, or undefined when CloudFormation says it does not exist. */
export async function describeStack(
  options: Pick<StackDeployOptions, 'cloudformation' | 'backoff'>,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const answer = await withBackoff(
      () => options.cloudformation.send(new DescribeStacksCommand({ StackName: stackName })),
      options.backoff,
    );
    const stack = answer.Stacks?.[0];
    return stack?.StackStatus === 'DELETE_COMPLETE' ? undefined : stack;
  } catch (error) {
    // DescribeStacks answers ValidationError "Stack with id X does not exist" (CloudFormation API Reference, DescribeStacks).
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * Brings one stack to CREATE_COMPLETE, idempotently: an existing complete
 * stack is left as it is, one in progress is waited for, one that rolled
 * back is deleted and created again, a missing one is created. Safe to call
 * again after a crash at any point (the create's ClientRequestToken makes a
 * repeated CreateStack the same request).
 */
export async function deployStack(options: StackDeployOptions): Promise<Stack> {
  let stack = await waitWhileInProgress(options, await describeStack(options, options.stackName));
  if (stack && DONE.has(stack.StackStatus ?? '')) return stack;
  if (stack && RECREATE.has(stack.StackStatus ?? '')) {
    await withBackoff(() => options.cloudformation.send(new DeleteStackCommand({ StackName: options.stackName })), options.backoff);
    stack = await waitWhileInProgress(options, await describeStack(options, options.stackName));
    if (stack)
      throw new Error(
        `${options.stackName} could not be deleted to be created again: ${stack.StackStatus ?? '?'} ${stack.StackStatusReason ?? ''}`,
      );
  }
  if (stack)
    throw new Error(
      `${options.stackName} is ${stack.StackStatus ?? '?'}: ${stack.StackStatusReason ?? 'fix it in the CloudFormation console'}`,
    );
  await withBackoff(
    () =>
      options.cloudformation.send(
        new CreateStackCommand({
          StackName: options.stackName,
          ...('body' in options.template ? { TemplateBody: options.template.body } : { TemplateURL: options.template.url }),
          Parameters: stackParameters(options.template, options.parameters),
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
          Tags: [...options.tags],
          OnFailure: 'ROLLBACK',
          ClientRequestToken: `keyless-create-${options.stackName}`,
        }),
      ),
    options.backoff,
  );
  const created = await waitWhileInProgress(options, await describeStack(options, options.stackName));
  if (created?.StackStatus !== 'CREATE_COMPLETE')
    throw new Error(`${options.stackName} did not create: ${created?.StackStatus ?? 'gone'} ${created?.StackStatusReason ?? ''}`.trim());
  return created;
}

async function waitWhileInProgress(options: StackDeployOptions, stack: Stack | undefined): Promise<Stack | undefined> {
  let current = stack;
  while (current?.StackStatus?.endsWith('_IN_PROGRESS') === true) {
    await options.sleep(options.pollMs);
    current = await describeStack(options, options.stackName);
  }
  return current;
}
