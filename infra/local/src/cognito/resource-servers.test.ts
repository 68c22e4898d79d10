import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AccessDeniedException,
  CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolCommand,
  InvalidParameterException,
  ListResourceServersCommand,
  ResourceNotFoundException,
  UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { basic, requestToken, sdkFor, startTestAws, type TestAws } from '../test-support/test-aws.ts';

/** Resource-server CRUD and DescribeUserPool with the real SDK; scopes feed client validation and the token endpoint. */
describe('Cognito resource servers (real SDK)', () => {
  let t: TestAws;
  let sdk: CognitoIdentityProviderClient;
  let poolId: string;

  before(async () => {
    t = await startTestAws();
    sdk = await sdkFor(t.aws, 'alice');
    poolId = (await t.aws.provision('alice')).userPoolId;
  });
  after(() => t.dispose());

  it('creates, describes, lists (paged), updates and deletes a resource server', async () => {
    const scopes = [
      { ScopeName: 'read', ScopeDescription: 'Read invoices' },
      { ScopeName: 'pay', ScopeDescription: 'Pay invoices' },
    ];
    const created = await sdk.send(
      new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://invoices.example', Name: 'Invoices', Scopes: scopes }),
    );
    assert.deepEqual(created.ResourceServer, {
      UserPoolId: poolId,
      Identifier: 'https://invoices.example',
      Name: 'Invoices',
      Scopes: scopes,
    });
    const described = await sdk.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://invoices.example' }));
    assert.deepEqual(described.ResourceServer, created.ResourceServer);

    const page1 = await sdk.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 1 }));
    assert.deepEqual(
      page1.ResourceServers?.map((server) => server.Identifier),
      ['orders'],
    );
    assert.ok(page1.NextToken);
    const page2 = await sdk.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 1, NextToken: page1.NextToken }));
    assert.deepEqual(
      page2.ResourceServers?.map((server) => server.Identifier),
      ['https://invoices.example'],
    );
    assert.equal(page2.NextToken, undefined);

    const updated = await sdk.send(
      new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://invoices.example', Name: 'Invoices v2' }),
    );
    assert.deepEqual(
      updated.ResourceServer,
      { UserPoolId: poolId, Identifier: 'https://invoices.example', Name: 'Invoices v2' },
      'Update replaces: omitted Scopes → none',
    );

    await sdk.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://invoices.example' }));
    await assert.rejects(
      sdk.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://invoices.example' })),
      ResourceNotFoundException,
    );
    await assert.rejects(
      sdk.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://invoices.example' })),
      ResourceNotFoundException,
    );
  });

  it('validates like Cognito: a scope name with a slash, a missing description, a duplicate identifier', async () => {
    const cases = [
      { Identifier: 'bad', Name: 'Bad', Scopes: [{ ScopeName: 'a/b', ScopeDescription: 'x' }] },
      { Identifier: 'bad', Name: 'Bad', Scopes: [{ ScopeName: 'a', ScopeDescription: undefined }] },
      { Identifier: 'orders', Name: 'Again' },
      { Identifier: undefined, Name: 'No id' },
    ];
    for (const input of cases) {
      await assert.rejects(
        sdk.send(new CreateResourceServerCommand({ UserPoolId: poolId, ...input })),
        InvalidParameterException,
        JSON.stringify(input),
      );
    }
  });

  it('the token endpoint grants only scopes that still exist; omitted scope → all allowed custom scopes', async () => {
    await sdk.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'reports',
        Name: 'Reports',
        Scopes: [{ ScopeName: 'view', ScopeDescription: 'View reports' }],
      }),
    );
    const { UserPoolClient: client } = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'reporter',
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['orders/read', 'reports/view', 'openid'],
      }),
    );
    const outputs = await t.aws.outputs('alice');
    const auth = { authorization: basic(client?.ClientId ?? '', client?.ClientSecret ?? '') };
    const all = await requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials' }, auth);
    const granted = await t.aws.evidence('alice').query({ kind: 'token-issued', limit: 1 });
    assert.equal(all.status, 200);
    assert.deepEqual(granted[0]?.grantedScopes, ['orders/read', 'reports/view'], 'custom scopes only, no openid');
    await sdk.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'reports', Name: 'Reports' }));
    assert.deepEqual(
      (await requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials', scope: 'reports/view' }, auth)).body,
      { error: 'invalid_scope' },
    );
    await requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials' }, auth);
    assert.deepEqual((await t.aws.evidence('alice').query({ kind: 'token-issued', limit: 1 }))[0]?.grantedScopes, ['orders/read']);
  });

  it('only the client manager role may manage the pool: the orders role is AccessDenied on its own pool', async () => {
    const outputs = await t.aws.outputs('alice');
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: outputs.endpointOverrides.AWS_ENDPOINT_URL_STS,
      credentials: await t.aws.credentials('alice'),
      maxAttempts: 1,
      systemClockOffset: t.clock.now() - Date.now(),
    });
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: outputs.ordersRoleArn, RoleSessionName: 'narrow' }));
    const orders = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: t.aws.baseUrl,
      credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' },
      maxAttempts: 1,
    });
    await assert.rejects(orders.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 10 })), (error: unknown) => {
      assert.ok(error instanceof AccessDeniedException);
      assert.match(
        error.message,
        /assumed-role\/keyless-orders-role\/narrow is not authorized to perform: cognito-idp:ListResourceServers/,
      );
      return true;
    });
  });

  it("DescribeUserPool reports the pool in the attendee's own account; another attendee's pool is AccessDenied", async () => {
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    const account = (await t.aws.outputs('alice')).ordersRoleArn.split(':')[4];
    assert.equal(UserPool?.Arn, `arn:aws:cognito-idp:us-east-1:${account}:userpool/${poolId}`);
    const bobPool = (await t.aws.provision('bob')).userPoolId;
    await assert.rejects(
      sdk.send(new CreateResourceServerCommand({ UserPoolId: bobPool, Identifier: 'x', Name: 'x' })),
      (error: unknown) => {
        assert.ok(error instanceof AccessDeniedException);
        assert.match(
          error.message,
          /assumed-role\/keyless-client-manager-role\/keyless-control-plane is not authorized to perform: cognito-idp:CreateResourceServer on resource: arn:aws:cognito-idp:us-east-1:\d{12}:userpool\//,
        );
        return true;
      },
    );
  });
});
