import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';

/** Stack states whose outputs are current (the stack finished creating or updating). */
const READY = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE']);

/** The outputs of one stack by key (CloudFormation DescribeStacks); refuses a stack that is not ready. */
export async function readStackOutputs(cloudformation: CloudFormationClient, stackName: string): Promise<Record<string, string>> {
  const answer = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
  const stack = answer.Stacks?.[0];
  if (!stack) throw new Error(`stack ${stackName} does not exist`);
  if (!READY.has(stack.StackStatus ?? ''))
    throw new Error(`stack ${stackName} is ${stack.StackStatus ?? 'in an unknown state'}, not ready`);
  const outputs: Record<string, string> = {};
  for (const output of stack.Outputs ?? [])
    if (output.OutputKey && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
  return outputs;
}

/** One output, or an error naming the stack and the key (a template and the contract drifted apart). */
export function requireOutput(outputs: Record<string, string>, key: string, stackName: string): string {
  const value = outputs[key];
  if (value === undefined || value === '') throw new Error(`stack ${stackName} has no output ${key}`);
  return value;
}
