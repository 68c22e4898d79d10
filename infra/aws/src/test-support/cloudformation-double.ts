import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  ListStacksCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/**
 * CloudFormation's observable behaviour for the provisioner's tests, on top
 * of aws-sdk-client-mock: stacks that take a few DescribeStacks polls to
 * create or delete, ValidationError for a stack that does not exist (the
 * shape DescribeStacks answers), Throttling on demand, and a record of how
 * many stacks were in progress at once.
 */
export interface CloudFormationDouble {
  readonly stacks: Map<string, { status: string; polls: number; tags: { Key?: string; Value?: string }[] }>;
  readonly creates: string[];
  maxInProgress: number;
  /** Stack names whose next CreateStack answers Throttling (once per entry). */
  readonly throttleNextCreate: string[];
  /** Stack names whose creation fails and rolls back. */
  readonly failCreate: Set<string>;
  /** Stack names whose deletion fails. */
  readonly failDelete: Set<string>;
}

const POLLS_TO_SETTLE = 2;

function named(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

export function installCloudFormationDouble(
  mock: AwsClientStub<CloudFormationClient>,
  /** The outputs a complete stack answers with (recorded ones, in the site's end-to-end test). */
  outputsOf: (stackName: string) => readonly { OutputKey: string; OutputValue: string }[] = () => [],
): CloudFormationDouble {
  const double: CloudFormationDouble = {
    stacks: new Map(),
    creates: [],
    maxInProgress: 0,
    throttleNextCreate: [],
    failCreate: new Set(),
    failDelete: new Set(),
  };
  const inProgress = (): number => [...double.stacks.values()].filter((stack) => stack.status.endsWith('_IN_PROGRESS')).length;
  mock.on(CreateStackCommand).callsFake((input: { StackName: string; Tags?: { Key?: string; Value?: string }[] }) => {
    const throttled = double.throttleNextCreate.indexOf(input.StackName);
    if (throttled !== -1) {
      double.throttleNextCreate.splice(throttled, 1);
      throw named('Throttling', 'Rate exceeded');
    }
    if (double.stacks.has(input.StackName)) throw named('AlreadyExistsException', `Stack [${input.StackName}] already exists`);
    double.creates.push(input.StackName);
    double.stacks.set(input.StackName, { status: 'CREATE_IN_PROGRESS', polls: 0, tags: input.Tags ?? [] });
    double.maxInProgress = Math.max(double.maxInProgress, inProgress());
    return { StackId: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${input.StackName}/uuid` };
  });
  mock.on(DeleteStackCommand).callsFake((input: { StackName: string }) => {
    const stack = double.stacks.get(input.StackName);
    if (stack) Object.assign(stack, { status: 'DELETE_IN_PROGRESS', polls: 0 });
    return {};
  });
  mock.on(DescribeStacksCommand).callsFake((input: { StackName: string }) => {
    const stack = double.stacks.get(input.StackName);
    if (!stack) throw named('ValidationError', `Stack with id ${input.StackName} does not exist`);
    if (stack.status.endsWith('_IN_PROGRESS')) {
      stack.polls += 1;
      if (stack.polls >= POLLS_TO_SETTLE) {
        if (stack.status === 'CREATE_IN_PROGRESS')
          stack.status = double.failCreate.has(input.StackName) ? 'ROLLBACK_COMPLETE' : 'CREATE_COMPLETE';
        else if (stack.status === 'DELETE_IN_PROGRESS') {
          if (double.failDelete.has(input.StackName)) stack.status = 'DELETE_FAILED';
          else {
            double.stacks.delete(input.StackName);
            throw named('ValidationError', `Stack with id ${input.StackName} does not exist`);
          }
        }
      }
    }
    return {
      Stacks: [
        {
          StackName: input.StackName,
          StackStatus: stack.status,
          CreationTime: new Date('2026-12-02T03:00:00Z'),
          Tags: stack.tags,
          ...(stack.status === 'CREATE_COMPLETE' ? { Outputs: [...outputsOf(input.StackName)] } : {}),
          ...(stack.status === 'DELETE_FAILED'
            ? { StackStatusReason: 'The following resource(s) failed to delete: [TruststoreBucket].' }
            : {}),
        },
      ],
    };
  });
  mock.on(ListStacksCommand).callsFake(() => ({
    StackSummaries: [...double.stacks.entries()].map(([StackName, stack]) => ({
      StackName,
      StackStatus: stack.status,
      CreationTime: new Date(),
    })),
  }));
  return double;
}
