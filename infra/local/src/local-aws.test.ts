import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DatabaseSync } from 'node:sqlite';
import type { RunRequest, SandboxInstance } from '@keyless/labs/sandbox';
import { LocalSandboxProvider, openLocalAws, startLocalAws } from './index.ts';
import { userVersion } from './sqlite/index.ts';
import { MIGRATIONS } from './store/migrations.ts';
import { basic, createM2mClient, requestToken, startTestAws, type TestAws } from './test-support/test-aws.ts';

const run = promisify(execFile);

describe('LocalSandboxProvider', () => {
  let t: TestAws;
  let provider: LocalSandboxProvider;
  const instances: { attendeeId: string; env: Readonly<Record<string, string>> }[] = [];

  before(async () => {
    t = await startTestAws();
    provider = new LocalSandboxProvider({
      aws: t.aws,
      createInstance: (context): SandboxInstance => {
        instances.push(context);
        return {
          run: async (request: RunRequest) => ({
            exitCode: 0,
            signal: null,
            stdout: request.entry,
            stderr: '',
            durationMs: 0,
            timedOut: false,
            outputTruncated: false,
            outOfMemory: false,
          }),
        };
      },
    });
  });
  after(() => t.dispose());

  it('provisions a local sandbox with the outputs lab code needs, cached per attendee', async () => {
    const sandbox = await provider.forAttendee('alice');
    assert.equal(sandbox.mode, 'local');
    assert.equal(sandbox.consistencyWindowMs, 0);
    assert.equal(await provider.forAttendee('alice'), sandbox, 'repeat calls return the cached sandbox');
    const outputs = await sandbox.outputs();
    assert.equal(outputs.region, 'us-east-1');
    assert.match(outputs.cognitoUserPoolId, /^us-east-1_[A-Za-z0-9]{9}$/);
    assert.equal(outputs.cognitoIssuer, `https://cognito-idp.us-east-1.amazonaws.com/${outputs.cognitoUserPoolId}`);
    assert.equal(outputs.cognitoJwksUri, `${t.aws.baseUrl}/${outputs.cognitoUserPoolId}/.well-known/jwks.json`);
    assert.match(outputs.cognitoTokenUrl, new RegExp(`^${t.aws.baseUrl}/domains/keyless-[a-z0-9]+/oauth2/token$`));
    assert.match(outputs.ordersApiUrl, new RegExp(`^${t.aws.baseUrl}/restapis/[a-z0-9]{10}/prod$`));
    assert.deepEqual(Object.keys(outputs.endpointOverrides).sort(), [
      'AWS_EC2_METADATA_SERVICE_ENDPOINT',
      'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
      'AWS_ENDPOINT_URL_SECRETS_MANAGER',
      'AWS_ENDPOINT_URL_STS',
    ]);
    assert.equal(outputs.endpointOverrides.AWS_ENDPOINT_URL_SECRETS_MANAGER, `${t.aws.baseUrl}/secretsmanager`);
    assert.equal(outputs.endpointOverrides.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, t.aws.baseUrl);
    assert.equal(outputs.endpointOverrides.AWS_ENDPOINT_URL_STS, `${t.aws.baseUrl}/sts`);
    assert.match(outputs.endpointOverrides.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    const account = outputs.ordersRoleArn.split(':')[4] ?? '';
    assert.match(account, /^\d{12}$/);
    assert.equal(outputs.ordersRoleArn, `arn:aws:iam::${account}:role/keyless-orders-role`);
    assert.equal(outputs.ciRoleArn, `arn:aws:iam::${account}:role/keyless-ci-role`);
    assert.match(outputs.ciOidcIssuer, new RegExp(`^${t.aws.baseUrl}/oidc/ci-[a-z0-9]{10}$`));
    assert.match(outputs.ordersApiKey, /^[A-Za-z0-9]{40}$/);
    assert.match(outputs.ordersIamUrl, new RegExp(`^${t.aws.baseUrl}/restapis/[a-z0-9]{10}/prod$`));
    assert.match(outputs.ordersApiKeyUrl, new RegExp(`^${t.aws.baseUrl}/restapis/[a-z0-9]{10}/prod$`));
    assert.equal(new Set([outputs.ordersApiUrl, outputs.ordersIamUrl, outputs.ordersApiKeyUrl]).size, 3, 'one REST API per front door');
    assert.notEqual((await (await provider.forAttendee('bob')).outputs()).cognitoUserPoolId, outputs.cognitoUserPoolId);
  });

  it('gives the instance the outputs as environment and no access keys: credentials come from its IMDS', async () => {
    const sandbox = await provider.forAttendee('alice');
    await sandbox.instance.run({ files: {}, entry: 'main.ts' });
    const context = instances.find((entry) => entry.attendeeId === 'alice');
    assert.ok(context);
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
      assert.equal(context.env[name], undefined, name);
    const outputs = await sandbox.outputs();
    assert.equal(context.env.COGNITO_USER_POOL_ID, outputs.cognitoUserPoolId);
    assert.equal(context.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, t.aws.baseUrl);
    assert.equal(context.env.AWS_EC2_METADATA_SERVICE_ENDPOINT, outputs.endpointOverrides.AWS_EC2_METADATA_SERVICE_ENDPOINT);
    assert.equal(context.env.ORDERS_ROLE_ARN, outputs.ordersRoleArn);
  });

  it('that environment alone lets unconfigured SDK v3 clients find the sandbox and, through the default chain, the instance role', async () => {
    const alice = instances.find((entry) => entry.attendeeId === 'alice');
    assert.ok(alice);
    await createM2mClient(t.aws, 'alice');
    const script = `
      import { CognitoIdentityProviderClient, ListUserPoolClientsCommand } from '@aws-sdk/client-cognito-identity-provider';
      import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
      import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
      // The workload (instance role) may not read app clients: the refusal names it, so the request was signed and routed.
      const listed = await new CognitoIdentityProviderClient({}).send(new ListUserPoolClientsCommand({ UserPoolId: process.env.COGNITO_USER_POOL_ID, MaxResults: 10 })).then(() => 'allowed', (error) => error.name + ' ' + error.message);
      const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.COGNITO_CLIENT_SECRET_ID })).then((out) => out.SecretString, (error) => error.name);
      const me = await new STSClient({}).send(new GetCallerIdentityCommand({}));
      console.log(JSON.stringify({ listed, secret, arn: me.Arn }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('../../..', import.meta.url),
      env: {
        ...alice.env,
        PATH: process.env.PATH ?? '',
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      },
    });
    const result = JSON.parse(stdout) as { listed: string; secret: string; arn: string };
    assert.match(
      result.listed,
      /^AccessDeniedException .*assumed-role\/keyless-instance-role\/i-[0-9a-f]{17} is not authorized to perform: cognito-idp:ListUserPoolClients/,
    );
    // Nothing stored it yet: Secrets Manager's answer for a secret without a current value.
    assert.equal(result.secret, 'ResourceNotFoundException');
    assert.match(result.arn, /^arn:aws:sts::\d{12}:assumed-role\/keyless-instance-role\/i-[0-9a-f]{17}$/);
    const imds = await (await provider.forAttendee('alice')).evidence.query({ kind: 'imds-request', limit: 100 });
    assert.ok(
      imds.some((event) => event.path === '/latest/meta-data/iam/security-credentials/keyless-instance-role' && event.status === 200),
      'the SDK read the role credentials from IMDS',
    );
  });

  it("control plane reads the attendee's clients with the real SDK and leaves no evidence of its own", async () => {
    const sandbox = await provider.forAttendee('alice');
    const before = (await sandbox.evidence.query({ kind: 'control-plane-call', limit: 1000 })).length;
    const clients = await sandbox.controlPlane.listUserPoolClients();
    assert.equal(clients.length, 1);
    const [client] = clients;
    assert.deepEqual(client && { ...client, clientId: 'x' }, {
      clientId: 'x',
      clientName: 'orders-worker',
      hasSecret: true,
      allowedOAuthFlows: ['client_credentials'],
      allowedOAuthScopes: ['orders/read', 'orders/write'],
      allowedOAuthFlowsUserPoolClient: true,
      accessTokenValiditySeconds: 3600,
    });
    assert.deepEqual(await sandbox.controlPlane.describeUserPoolClient(client?.clientId ?? ''), client);
    assert.equal(await sandbox.controlPlane.describeUserPoolClient('doesnotexist'), undefined);
    assert.equal((await sandbox.evidence.query({ kind: 'control-plane-call', limit: 1000 })).length, before);
  });

  it('queries evidence newest first, filtered by kind, since and limit', async () => {
    const sandbox = await provider.forAttendee('alice');
    const outputs = await sandbox.outputs();
    const client = await createM2mClient(t.aws, 'alice');
    t.clock.advance(1000);
    const mark = t.clock.now();
    for (const scope of ['orders/read', 'orders/write']) {
      await requestToken(
        outputs.cognitoTokenUrl,
        { grant_type: 'client_credentials', scope },
        { authorization: basic(client.clientId, client.clientSecret) },
      );
    }
    const events = await sandbox.evidence.query({ kind: 'token-issued', since: mark });
    assert.deepEqual(
      events.map((e) => e.grantedScopes),
      [['orders/write'], ['orders/read']],
    );
    assert.ok((events[0]?.id ?? 0) > (events[1]?.id ?? 0));
    assert.equal((await sandbox.evidence.query({ kind: 'token-issued', limit: 1 })).length, 1);
    assert.equal((await sandbox.evidence.query({ kind: 'token-issued', since: t.clock.now() + 1 })).length, 0);
  });

  it('reset discards clients, tokens and evidence and re-provisions with new ids', async () => {
    const sandbox = await provider.forAttendee('alice');
    const old = await sandbox.outputs();
    await provider.reset('alice');
    const fresh = await sandbox.outputs();
    assert.notEqual(fresh.cognitoUserPoolId, old.cognitoUserPoolId);
    assert.deepEqual(await sandbox.controlPlane.listUserPoolClients(), []);
    assert.deepEqual(await sandbox.evidence.query({ kind: 'token-issued' }), []);
    assert.deepEqual(await sandbox.evidence.query({ kind: 'control-plane-call' }), []);
    await sandbox.instance.run({ files: {}, entry: 'main.ts' });
    assert.equal(
      instances.filter((entry) => entry.attendeeId === 'alice').at(-1)?.env.COGNITO_USER_POOL_ID,
      fresh.cognitoUserPoolId,
      'the instance follows the new ids',
    );
    assert.ok((await (await provider.forAttendee('bob')).outputs()).cognitoUserPoolId, 'other attendees are untouched');
  });
});

describe('persistence', () => {
  it('keeps clients, evidence and signing keys across a restart on the same file, and a second process sees them', async () => {
    const first = await startTestAws();
    // No injected keys here: the keys must come from (and persist in) the database.
    await first.aws.close();
    const aws = await startLocalAws({ dbPath: first.dbPath, now: first.clock.now });
    const outputs = await aws.outputs('carol');
    const client = await createM2mClient(aws, 'carol');
    const { body } = await requestToken(
      outputs.cognitoTokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    const jwks = await (await fetch(outputs.cognitoJwksUri)).text();
    const port = new URL(aws.baseUrl).port;
    await aws.close();

    const again = await startLocalAws({ dbPath: first.dbPath, now: first.clock.now, port: Number(port) });
    // Let fetch's connection pool notice the old server's sockets closed before reusing the port.
    await new Promise((resolve) => setTimeout(resolve, 20));
    try {
      assert.deepEqual(await again.outputs('carol'), outputs, 'same ids, same URLs');
      assert.equal(await (await fetch(outputs.cognitoJwksUri)).text(), jwks, 'same keys');
      const orders = await fetch(`${outputs.ordersApiUrl}/orders`, { headers: { authorization: body.access_token ?? '' } });
      assert.equal(orders.status, 200, 'a token from before the restart is still valid');
      const events = await again.evidence('carol').query({ kind: 'token-issued' });
      assert.equal(events.length, 1);

      const checker = await openLocalAws({ dbPath: first.dbPath, baseUrl: again.baseUrl });
      try {
        assert.equal(
          (await checker.evidence('carol').query({ kind: 'api-call' })).length,
          1,
          "a second handle on the file sees the server's evidence",
        );
        assert.deepEqual(await checker.outputs('carol'), outputs);
      } finally {
        await checker.close();
      }
    } finally {
      await again.close();
      await first.dispose();
    }
  });

  it('records the schema version and refuses a database from newer code', async () => {
    const t = await startTestAws();
    try {
      const db = new DatabaseSync(t.dbPath);
      assert.equal(userVersion(db), MIGRATIONS.at(-1)?.version);
      db.exec(`PRAGMA user_version = ${(MIGRATIONS.at(-1)?.version ?? 0) + 1}`);
      db.close();
      await assert.rejects(openLocalAws({ dbPath: t.dbPath, baseUrl: t.aws.baseUrl }), /newer than this code/);
    } finally {
      await t.dispose();
    }
  });
});
