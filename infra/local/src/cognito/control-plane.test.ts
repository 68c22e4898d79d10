import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AccessDeniedException,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InvalidOAuthFlowException,
  InvalidParameterException,
  ListUserPoolClientsCommand,
  ListUsersCommand,
  ResourceNotFoundException,
  ScopeDoesNotExistException,
  UpdateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { sdkFor, startTestAws, type TestAws } from '../test-support/test-aws.ts';

// Contract tests: the real, unmodified SDK client with only endpoint and
// credentials set must get the same results and exception classes as on AWS.
const M2M = {
  ClientName: 'orders-worker',
  GenerateSecret: true,
  AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthScopes: ['orders/read', 'orders/write'],
} satisfies Omit<CreateUserPoolClientCommandInput, 'UserPoolId'>;

describe('Cognito control plane (AWS JSON 1.1, real SDK)', () => {
  let t: TestAws;
  let sdk: CognitoIdentityProviderClient;
  let poolId: string;

  before(async () => {
    t = await startTestAws();
    sdk = await sdkFor(t.aws, 'alice');
    poolId = (await t.aws.provision('alice')).userPoolId;
  });
  after(() => t.dispose());

  it('creates, describes, lists, updates and deletes an app client', async () => {
    const created = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ...M2M }));
    const client = created.UserPoolClient;
    assert.ok(client?.ClientId && client.ClientSecret);
    assert.match(client.ClientId, /^[a-z0-9]{26}$/);
    assert.deepEqual(client.AllowedOAuthFlows, ['client_credentials']);
    assert.equal(client.AccessTokenValidity, 60);
    assert.equal(client.TokenValidityUnits?.AccessToken, 'minutes');
    assert.ok(client.CreationDate instanceof Date, 'epoch-seconds timestamps deserialise to Dates');

    const described = await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId }));
    assert.equal(described.UserPoolClient?.ClientSecret, client.ClientSecret);
    assert.deepEqual(described.UserPoolClient.AllowedOAuthScopes, ['orders/read', 'orders/write']);

    const listed = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }));
    assert.deepEqual(listed.UserPoolClients, [{ ClientId: client.ClientId, UserPoolId: poolId, ClientName: 'orders-worker' }]);

    const updated = await sdk.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: client.ClientId,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['orders/read'],
        AccessTokenValidity: 2,
        TokenValidityUnits: { AccessToken: 'hours' },
      }),
    );
    assert.deepEqual(updated.UserPoolClient?.AllowedOAuthScopes, ['orders/read']);
    assert.equal(updated.UserPoolClient.ClientName, 'orders-worker', 'an omitted name is kept');
    assert.equal(updated.UserPoolClient.ClientSecret, client.ClientSecret, 'the secret is kept');

    await sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId }));
    await assert.rejects(
      sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId })),
      (error: unknown) => {
        assert.ok(error instanceof ResourceNotFoundException);
        assert.equal(error.message, `User pool client ${client.ClientId} does not exist.`);
        return true;
      },
    );
  });

  it('pages ListUserPoolClients with MaxResults and NextToken', async () => {
    for (const name of ['p1', 'p2', 'p3']) await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: name }));
    const first = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 2 }));
    assert.equal(first.UserPoolClients?.length, 2);
    assert.ok(first.NextToken);
    const second = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 2, NextToken: first.NextToken }));
    assert.equal(second.NextToken, undefined);
    const names = [...(first.UserPoolClients ?? []), ...(second.UserPoolClients ?? [])].map((c) => c.ClientName);
    assert.deepEqual(
      names.filter((n) => n?.startsWith('p')),
      ['p1', 'p2', 'p3'],
    );
    await assert.rejects(sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 61 })), InvalidParameterException);
  });

  it('describes the pool and its orders resource server', async () => {
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    assert.equal(UserPool?.Id, poolId);
    assert.match(UserPool.Arn ?? '', new RegExp(`:userpool/${poolId}$`));
    const { ResourceServer } = await sdk.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders' }));
    assert.deepEqual(
      ResourceServer?.Scopes?.map((s) => s.ScopeName),
      ['read', 'write'],
    );
    await assert.rejects(
      sdk.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'nope' })),
      ResourceNotFoundException,
    );
  });

  describe('validation errors surface as the SDK exception classes', () => {
    const cases: [string, Record<string, unknown>, new (...args: never[]) => Error, RegExp][] = [
      [
        'client_credentials without a secret',
        { ...M2M, GenerateSecret: false },
        InvalidOAuthFlowException,
        /does not have a client secret/,
      ],
      [
        'client_credentials with code',
        { ...M2M, AllowedOAuthFlows: ['client_credentials', 'code'] },
        InvalidOAuthFlowException,
        /along with code flow or implicit flow/,
      ],
      [
        'a scope no resource server defines',
        { ...M2M, AllowedOAuthScopes: ['orders/delete'] },
        ScopeDoesNotExistException,
        /orders\/delete/,
      ],
      ['a missing client name', { ...M2M, ClientName: undefined }, InvalidParameterException, /Value null at 'clientName'/],
      ['an unknown OAuth flow', { ...M2M, AllowedOAuthFlows: ['password'] }, InvalidParameterException, /enum value set/],
      ['an access token validity over a day', { ...M2M, AccessTokenValidity: 25 }, InvalidParameterException, /token validity/],
    ];
    for (const [name, input, type, message] of cases) {
      it(name, async () => {
        await assert.rejects(sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ...input } as never)), (error: unknown) => {
          assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
          assert.match(error.message, message);
          assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 400);
          return true;
        });
      });
    }
  });

  it('fails loudly on actions it does not emulate', async () => {
    await assert.rejects(sdk.send(new ListUsersCommand({ UserPoolId: poolId })), (error: unknown) => {
      assert.equal((error as Error).name, 'UnsupportedOperationException');
      assert.match((error as Error).message, /does not emulate cognito-idp:ListUsers/);
      return true;
    });
  });

  it("denies acting on another attendee's pool", async () => {
    const bobPool = (await t.aws.provision('bob')).userPoolId;
    await assert.rejects(sdk.send(new ListUserPoolClientsCommand({ UserPoolId: bobPool, MaxResults: 10 })), (error: unknown) => {
      assert.ok(error instanceof AccessDeniedException);
      assert.match(error.message, /not authorized to perform: cognito-idp:ListUserPoolClients/);
      return true;
    });
  });

  describe('SigV4', () => {
    it('rejects an unknown access key', async () => {
      const stranger = new CognitoIdentityProviderClient({
        region: 'us-east-1',
        endpoint: t.aws.baseUrl,
        maxAttempts: 1,
        credentials: { accessKeyId: 'ASIAUNKNOWNUNKNOWN00', secretAccessKey: 'x', sessionToken: 'y' },
      });
      await assert.rejects(stranger.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 1 })), {
        name: 'UnrecognizedClientException',
      });
    });

    it('rejects a wrong secret', async () => {
      const real = await t.aws.credentials('alice');
      const forged = new CognitoIdentityProviderClient({
        region: 'us-east-1',
        endpoint: t.aws.baseUrl,
        maxAttempts: 1,
        credentials: { ...real, secretAccessKey: `${real.secretAccessKey}x` },
      });
      await assert.rejects(forged.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 1 })), {
        name: 'InvalidSignatureException',
      });
    });

    it('rejects expired credentials with ExpiredTokenException', async () => {
      const clock = t.clock;
      const start = clock.now();
      const old = await t.aws.credentials('alice');
      const client = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: t.aws.baseUrl, maxAttempts: 1, credentials: old });
      clock.set(old.expiresAt + 1000);
      try {
        // The SDK signs with the real clock; give it our offset so only expiry fails.
        client.config.systemClockOffset = clock.now() - Date.now();
        await assert.rejects(client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 1 })), {
          name: 'ExpiredTokenException',
        });
        const fresh = await t.aws.credentials('alice');
        assert.notEqual(fresh.accessKeyId, old.accessKeyId, 'new credentials are minted once the old ones expire');
      } finally {
        clock.set(start);
      }
    });
  });

  it('records control-plane evidence for the caller, failures included', async () => {
    const events = await t.aws.evidence('alice').query({ kind: 'control-plane-call', limit: 500 });
    assert.ok(events.some((e) => e.action === 'CreateUserPoolClient' && e.outcome === 'success' && e.resourceId));
    assert.ok(events.some((e) => e.action === 'CreateUserPoolClient' && e.error === 'InvalidOAuthFlowException'));
    assert.ok(events.some((e) => e.action === 'ListUserPoolClients' && e.error === 'AccessDeniedException'));
    assert.ok(events.every((e) => e.attendeeId === 'alice'));
    assert.deepEqual(await t.aws.evidence('bob').query({ kind: 'control-plane-call' }), []);
  });
});
