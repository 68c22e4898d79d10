import { CfnResource, Token, Validations } from 'aws-cdk-lib';
import { rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { eventExportName } from './event-stack.ts';
import type { AttendeeStack } from './attendee-stack.ts';
import type { EventStack } from './event-stack.ts';

/** One acknowledged cdk-nag rule on one construct (and what it contains), with why. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges each wildcard finding (AwsSolutions-IAM5 reports one per
 * wildcard action or resource) of the IAM policies under `scope`, as the
 * rule itself reports them, with one reason.
 */
function acknowledgeWildcards(scope: IConstruct, reason: string): void {
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CfnResource)) continue;
    const findings = rules.iam.IAMNoWildcardPermissions(node);
    if (Array.isArray(findings)) for (const finding of findings) acknowledge(node, `AwsSolutions-IAM5[${finding}]`, reason);
  }
}

const NO_ACCOUNT_LOG_ROLE =
  "API Gateway writes access and execution logs only through the account-wide CloudWatch role (AWS::ApiGateway::Account, one per account and region); an event stack must not overwrite the account's setting. Every call the Lambdas see is recorded in the evidence table instead.";

/**
 * The event stack's acknowledged findings. Each reason says why the rule
 * does not fit a one-hour, disposable workshop sandbox, or where the
 * wildcard is the narrowest the service allows.
 */
export function suppressEventStackFindings(stack: EventStack): void {
  const apis = [
    stack.orders.apiKeyDoor.api,
    stack.orders.iamDoor.api,
    stack.orders.cognitoDoor.api,
    stack.orders.mtlsDoor.api,
    stack.workshop.api,
  ];
  for (const api of apis) {
    acknowledge(api, 'AwsSolutions-APIG1', NO_ACCOUNT_LOG_ROLE);
    acknowledge(api, 'AwsSolutions-APIG6', NO_ACCOUNT_LOG_ROLE);
    acknowledge(
      api,
      'AwsSolutions-APIG3',
      'No WAF web ACL: a workshop API lives for an hour behind per-stage and per-key throttling; a web ACL costs more than the event and protects nothing the throttles do not.',
    );
    acknowledge(
      api,
      'AwsSolutions-APIG2',
      'The Lambda behind the API validates every body (the rules module: zod, 400 with the problems); API Gateway models would duplicate it.',
    );
  }
  acknowledge(
    stack.orders.apiKeyDoor.api,
    'AwsSolutions-APIG4',
    'The API-key door is what lab 0 teaches: the method requires an API key (usage plan) instead of an authorizer, on purpose.',
  );
  acknowledge(stack.orders.apiKeyDoor.api, 'AwsSolutions-COG4', 'The API-key door authorizes with API keys by design (lab 0).');
  acknowledge(stack.orders.iamDoor.api, 'AwsSolutions-COG4', 'The IAM door authorizes with SigV4 (AWS_IAM) by design (labs 1, 2, 5).');
  acknowledge(
    stack.orders.mtlsDoor.api,
    'AwsSolutions-COG4',
    'The mTLS door authorizes by client certificate plus a revocation Lambda authorizer by design (lab 4).',
  );
  acknowledge(
    stack.workshop.api,
    'AwsSolutions-COG4',
    'The workshop API authorizes with SigV4 (signed routes act for the caller slot); the CA certificate and CRL are public.',
  );
  acknowledge(
    stack.workshop.api,
    'AwsSolutions-APIG4',
    'GET ca.pem, crl and crl.pem are public by design: relying parties must fetch the CA certificate and CRL without credentials (RFC 5280 distribution point).',
  );
  acknowledge(
    stack.users.userPool,
    'AwsSolutions-COG8',
    'No user ever signs in to this pool (machine-to-machine client credentials only, self sign-up off), so the Plus plan threat protection has nothing to protect.',
  );
  acknowledge(
    stack.ca.truststore,
    'AwsSolutions-S1',
    'The truststore bucket holds one public CA certificate written by the stack itself; access logs would need a second bucket that outlives the event.',
  );
  acknowledge(
    stack.network.vpc,
    'AwsSolutions-VPC7',
    'No inbound path exists to the attendee instances (no inbound rule, SSM only); flow logs would cost per attendee-hour and record only egress to AWS endpoints and package registries.',
  );
  acknowledgeWildcards(
    stack.boundary.policy,
    "A permissions boundary is a ceiling, not a grant: wildcards cap the event's own APIs, roles (keyless-<event>-*), secrets (keyless/<event>/*) and the SSM agent's actions (ssmmessages/ec2messages take no resource ARN, AWS managed AmazonSSMManagedInstanceCore uses the same).",
  );
  acknowledgeWildcards(
    stack.orders.handler.role,
    'apigateway:GET on /apikeys/* reads a key name to attribute a call; API Gateway key ARNs are only known after the attendee stacks create the keys.',
  );
  acknowledgeWildcards(
    stack.ca,
    "The grants are CDK's object-level S3 grants (s3:GetObject*, s3:DeleteObject*, s3:Abort*) on the one truststore object key, and table grants; no wider resource.",
  );
  acknowledgeWildcards(
    stack.workshop.pki.role,
    "The grants are CDK's read grants on the one truststore object key (s3:GetObject*, GetBucket*, List*) and table grants.",
  );
}

/** The attendee stack's acknowledged findings. */
export function suppressAttendeeStackFindings(stack: AttendeeStack): void {
  acknowledge(
    stack,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
    'AmazonSSMManagedInstanceCore is the AWS managed policy for SSM-managed instances (the only way in: no SSH, no inbound); the permissions boundary caps it.',
  );
  // The one wildcard of an attendee policy: the serial segment of the attendee's own revoke path (the role is created before any certificate).
  const { region, account } = stack;
  const show = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
  const workshop = eventExportName(stack.eventId, 'WorkshopApiId');
  const revoke = `arn:<AWS::Partition>:execute-api:${show(region, 'AWS::Region')}:${show(account, 'AWS::AccountId')}:${workshop}/prod/POST/pki/${stack.slot}/certificates/*/revoke`;
  acknowledge(
    stack,
    `AwsSolutions-IAM5[Resource::${revoke}]`,
    "The wildcard is the certificate serial in the attendee's own revoke path (`/pki/<slot>/certificates/*/revoke`); the PKI also refuses any serial that is not the caller's.",
  );
  acknowledge(
    stack,
    'AwsSolutions-SMG4',
    'The secret holds an app client secret the attendee creates in lab 3 and deletes with the stack within hours; there is no rotation Lambda for a Cognito client secret to run.',
  );
  acknowledge(
    stack,
    'AwsSolutions-EC28',
    'Detailed monitoring costs per instance and nobody watches a one-hour sandbox at one-minute resolution.',
  );
  acknowledge(stack, 'AwsSolutions-EC29', 'Termination protection would block teardown; the instance is disposable by design.');
}
