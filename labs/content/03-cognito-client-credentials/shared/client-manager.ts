/**
 * The client manager's tools: what your platform's deploy pipeline would run
 * with its own role. Your instance may assume that role
 * (CLIENT_MANAGER_ROLE_ARN) for a few minutes; its own role can neither
 * manage app clients nor write the secret. As in lab 1, the session is an
 * AssumeRole away.
 *
 * You do not need to change this file.
 */
import {
  DescribeUserPoolClientCommand,
  paginateListUserPoolClients,
  type CognitoIdentityProviderClient,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this from the lab page so the sandbox outputs are injected.`);
  return value;
}

/** A 15-minute session of the client manager role, assumed with the instance's own credentials. */
export async function asClientManager(): Promise<AwsCredentials> {
  const { Credentials: session } = await new STSClient({}).send(
    new AssumeRoleCommand({
      RoleArn: requireEnv('CLIENT_MANAGER_ROLE_ARN'),
      RoleSessionName: 'provision-orders-worker',
      DurationSeconds: 900,
    }),
  );
  if (!session?.AccessKeyId || !session.SecretAccessKey || !session.SessionToken) throw new Error('AssumeRole returned no credentials.');
  return { accessKeyId: session.AccessKeyId, secretAccessKey: session.SecretAccessKey, sessionToken: session.SessionToken };
}

/**
 * Your platform's name for an app client: `APP_CLIENT_NAME_PREFIX` then
 * `name`. In AWS the event's user pool is shared by the whole room, so the
 * prefix is your attendee slot (`a007-`): app clients carry no tags, so only
 * clients so named are yours to the checker and the Orders API. Locally the
 * pool is yours alone; the prefix keeps the code the same.
 */
export function appClientName(name: string): string {
  return `${requireEnv('APP_CLIENT_NAME_PREFIX')}${name}`;
}

/** The pool's app client named `name`, described (secret included), if an earlier Run created it. */
export async function findClient(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  name: string,
): Promise<UserPoolClientType | undefined> {
  // Every page: a pool the room shares holds more clients than one page (60) lists.
  for await (const page of paginateListUserPoolClients({ client: cognito }, { UserPoolId: userPoolId, MaxResults: 60 })) {
    const existing = page.UserPoolClients?.find((client) => client.ClientName === name);
    if (existing)
      return (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: existing.ClientId })))
        .UserPoolClient;
  }
  return undefined;
}

/** Stores the client's id and secret, as JSON, as the current value of the secret COGNITO_CLIENT_SECRET_ID. */
export async function storeClientCredentials(
  credentials: AwsCredentials,
  value: { clientId: string; clientSecret: string },
): Promise<void> {
  const secretId = requireEnv('COGNITO_CLIENT_SECRET_ID');
  await new SecretsManagerClient({ credentials }).send(
    new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(value) }),
  );
  console.log(`Client manager: app client ${value.clientId} is ready, its credentials are in ${secretId}`);
}
