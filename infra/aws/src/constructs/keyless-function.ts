import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lambdaCode } from './lambda-bundling/lambda-code.ts';

/** The Lambda entry points of this package, relative to src/lambdas. */
export type LambdaEntry =
  | 'orders/orders-api.entry.ts'
  | 'mtls/revocation-authorizer.entry.ts'
  | 'pki/pki-api.entry.ts'
  | 'pki/ca-certificate-resource.entry.ts'
  | 'review/review-api.entry.ts';

export interface KeylessFunctionProps {
  readonly entry: LambdaEntry;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
}

/**
 * One of the event stack's Lambda functions: Node 24 on Graviton, bundled
 * by the esbuild in node_modules (no Docker; see lambda-bundling/), every
 * dependency bundled (the AWS SDK too, so what runs is the version the tests
 * ran, not whatever the runtime ships), its own role with write access to its
 * own log group only (no AWSLambdaBasicExecutionRole, which may write to
 * every log group), and that log group kept two weeks.
 */
export class KeylessFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: KeylessFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.TWO_WEEKS, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(this.role);
    this.function = new lambda.Function(this, 'Function', {
      code: lambdaCode(this, fileURLToPath(new URL(`../lambdas/${props.entry}`, import.meta.url))),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup,
      environment: props.environment ?? {},
    });
  }
}
