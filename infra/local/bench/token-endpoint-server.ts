/**
 * The token endpoint's side of `token-endpoint-load.ts`: the emulated sandbox
 * in a process of its own (as it runs beside the site), with one Cognito app
 * client allowed client credentials. Prints the target as one JSON line and
 * serves until its stdin closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startLocalAws } from '../src/index.ts';

export interface TokenTarget {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const dir = mkdtempSync(join(tmpdir(), 'keyless-bench-'));
const aws = await startLocalAws({ dbPath: join(dir, 'bench.db') });
const credentials = await aws.clientManagerCredentials('bench');
const outputs = await aws.outputs('bench');
const sdk = new CognitoIdentityProviderClient({ region: aws.region, endpoint: aws.baseUrl, credentials });
const { UserPoolClient: client } = await sdk.send(
  new CreateUserPoolClientCommand({
    UserPoolId: outputs.cognitoUserPoolId,
    ClientName: 'bench',
    GenerateSecret: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ['orders/read'],
  }),
);
const target: TokenTarget = {
  tokenUrl: outputs.cognitoTokenUrl,
  clientId: client?.ClientId ?? '',
  clientSecret: client?.ClientSecret ?? '',
};
console.log(JSON.stringify(target));
process.stdin.resume();
process.stdin.once('close', () => void aws.close().then(() => rmSync(dir, { recursive: true, force: true })));
