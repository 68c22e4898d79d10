import { DeleteRestApiCommand, DeleteDomainNameCommand, APIGatewayClient } from '@aws-sdk/client-api-gateway';
import {
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TerminateInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ScheduleKeyDeletionCommand, KMSClient } from '@aws-sdk/client-kms';
import { DeleteProfileCommand, DeleteTrustAnchorCommand, RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';

/**
 * Deleting one tagged leftover by its ARN, for the resource types a Keyless
 * stack can leave behind when its deletion fails or a resource is retained.
 * A type with no deleter here is reported for deletion by hand, never
 * ignored. "Not found" counts as deleted: the tagging API is eventually
 * consistent and may still list what was just removed.
 */
export type Deleter = (arn: ParsedArn, region: string) => Promise<void>;

export interface ParsedArn {
  readonly arn: string;
  readonly service: string;
  readonly region: string;
  /** The part after the account: `instance/i-0abc`, `table/name`, `key/uuid`, `userpool/eu-west-1_x`, `/restapis/id`. */
  readonly resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const match = /^arn:aws[a-z-]*:([^:]+):([^:]*):(\d{12})?:(.+)$/.exec(arn);
  if (!match) return undefined;
  return { arn, service: match[1] ?? '', region: match[2] ?? '', resource: match[4] ?? '' };
}

export interface SweepClientFactory {
  ec2(region: string): EC2Client;
  dynamodb(region: string): DynamoDBClient;
  kms(region: string): KMSClient;
  cognito(region: string): CognitoIdentityProviderClient;
  rolesAnywhere(region: string): RolesAnywhereClient;
  apiGateway(region: string): APIGatewayClient;
}

export function sdkClientFactory(): SweepClientFactory {
  const cache = new Map<string, unknown>();
  const get = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    ec2: (region) => get(`ec2:${region}`, () => new EC2Client({ region })),
    dynamodb: (region) => get(`ddb:${region}`, () => new DynamoDBClient({ region })),
    kms: (region) => get(`kms:${region}`, () => new KMSClient({ region })),
    cognito: (region) => get(`cognito:${region}`, () => new CognitoIdentityProviderClient({ region })),
    rolesAnywhere: (region) => get(`ra:${region}`, () => new RolesAnywhereClient({ region })),
    apiGateway: (region) => get(`apigw:${region}`, () => new APIGatewayClient({ region })),
  };
}

const NOT_FOUND = /NotFound|ResourceNotFoundException|InvalidInstanceID\.NotFound|NotFoundException/;

/** The deleter for an ARN, or undefined when Keyless has none for its type. */
export function deleterFor(arn: ParsedArn, clients: SweepClientFactory): (() => Promise<void>) | undefined {
  const [type, ...rest] = arn.resource.split(/[/:]/).filter((part) => part !== '');
  const id = rest.join('/');
  const region = arn.region;
  const ignoringNotFound = (call: () => Promise<unknown>) => async (): Promise<void> => {
    try {
      await call();
    } catch (error) {
      if (error instanceof Error && NOT_FOUND.test(error.name)) return;
      throw error;
    }
  };
  switch (`${arn.service}:${type ?? ''}`) {
    case 'ec2:instance':
      return ignoringNotFound(() => clients.ec2(region).send(new TerminateInstancesCommand({ InstanceIds: [id] })));
    case 'dynamodb:table':
      return ignoringNotFound(() => clients.dynamodb(region).send(new DeleteTableCommand({ TableName: id })));
    case 'kms:key':
      // The shortest waiting period KMS allows (7 days); the key is disabled at once.
      return ignoringNotFound(() => clients.kms(region).send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 })));
    case 'cognito-idp:userpool':
      return ignoringNotFound(async () => {
        // A pool with a domain cannot be deleted; remove the domain first.
        const pool = await clients.cognito(region).send(new DescribeUserPoolCommand({ UserPoolId: id }));
        const domain = pool.UserPool?.Domain;
        if (domain !== undefined) await clients.cognito(region).send(new DeleteUserPoolDomainCommand({ UserPoolId: id, Domain: domain }));
        await clients.cognito(region).send(new DeleteUserPoolCommand({ UserPoolId: id }));
      });
    case 'rolesanywhere:trust-anchor':
      return ignoringNotFound(() => clients.rolesAnywhere(region).send(new DeleteTrustAnchorCommand({ trustAnchorId: id })));
    case 'rolesanywhere:profile':
      return ignoringNotFound(() => clients.rolesAnywhere(region).send(new DeleteProfileCommand({ profileId: id })));
    case 'apigateway:restapis':
      return rest.length === 1
        ? ignoringNotFound(() => clients.apiGateway(region).send(new DeleteRestApiCommand({ restApiId: id })))
        : undefined;
    case 'apigateway:domainnames':
      return ignoringNotFound(() => clients.apiGateway(region).send(new DeleteDomainNameCommand({ domainName: id })));
    default:
      return undefined;
  }
}
