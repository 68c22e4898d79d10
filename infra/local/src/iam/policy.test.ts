import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionsHold, requestContext, UnsupportedConditionError } from './conditions.ts';
import { evaluatePolicies, evaluateTrust } from './evaluate.ts';
import { MalformedPolicyError, parsePolicy, type PolicyDocument } from './policy.ts';

/**
 * Policy evaluation cases modelled on the IAM User Guide's policy-evaluation
 * and condition-operator reference (docs.aws.amazon.com/IAM/latest/UserGuide/
 * reference_policies_evaluation-logic.html, reference_policies_elements_condition_operators.html,
 * reference_policies_condition-single-vs-multi-valued-context-keys.html).
 */
const ARN = 'arn:aws:execute-api:us-east-1:111122223333:abc/prod/GET/orders';
const ctx = requestContext({});
const policy = (...Statement: PolicyDocument['Statement'][]): PolicyDocument => ({ Version: '2012-10-17', Statement: Statement.flat() });

describe('evaluatePolicies', () => {
  it('implicit deny without a matching Allow; Allow with one; explicit Deny wins over any Allow', () => {
    const allow = policy({
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: 'arn:aws:execute-api:us-east-1:111122223333:abc/*/GET/orders',
    });
    assert.equal(evaluatePolicies([], { action: 'execute-api:Invoke', resource: ARN, context: ctx }), 'implicit-deny');
    assert.equal(evaluatePolicies([allow], { action: 'execute-api:Invoke', resource: ARN, context: ctx }), 'allow');
    assert.equal(
      evaluatePolicies([allow], { action: 'execute-api:Invoke', resource: ARN.replace('GET', 'POST'), context: ctx }),
      'implicit-deny',
    );
    const deny = policy({ Effect: 'Deny', Action: 'execute-api:*', Resource: '*' });
    assert.equal(evaluatePolicies([allow, deny], { action: 'execute-api:Invoke', resource: ARN, context: ctx }), 'explicit-deny');
  });
  it('actions match case-insensitively with wildcards; resources case-sensitively; NotAction/NotResource invert', () => {
    const p = policy({
      Effect: 'Allow',
      Action: 'Execute-API:Inv*',
      Resource: 'arn:aws:execute-api:us-east-1:111122223333:abc/prod/???/orders',
    });
    assert.equal(evaluatePolicies([p], { action: 'execute-api:Invoke', resource: ARN, context: ctx }), 'allow');
    assert.equal(
      evaluatePolicies([p], { action: 'execute-api:Invoke', resource: ARN.replace('orders', 'Orders'), context: ctx }),
      'implicit-deny',
    );
    const not = policy({ Effect: 'Allow', NotAction: 'sts:*', NotResource: 'arn:aws:iam::*:role/admin' });
    assert.equal(evaluatePolicies([not], { action: 'execute-api:Invoke', resource: ARN, context: ctx }), 'allow');
    assert.equal(evaluatePolicies([not], { action: 'sts:AssumeRole', resource: ARN, context: ctx }), 'implicit-deny');
  });
});

describe('condition operators', () => {
  const c = requestContext({
    'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/keyless-orders-role',
    'sts:RoleSessionName': 'worker-1',
    'aws:TagKeys': ['team', 'env'],
    'aws:EpochTime': '1700000000',
  });
  const holds = (block: Record<string, Record<string, unknown>>): boolean => conditionsHold(block, c);
  it('String*: equality, wildcards, case-insensitive keys, OR within values, AND across keys and operators', () => {
    assert.ok(holds({ StringEquals: { 'AWS:principalarn': 'arn:aws:iam::111122223333:role/keyless-orders-role' } }));
    assert.ok(holds({ StringLike: { 'sts:RoleSessionName': ['nope', 'worker-*'] } }));
    assert.ok(!holds({ StringLike: { 'sts:RoleSessionName': 'worker-*' }, StringEquals: { 'aws:PrincipalArn': 'x' } }));
    assert.ok(holds({ StringEqualsIgnoreCase: { 'sts:RoleSessionName': 'WORKER-1' } }));
    assert.ok(holds({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/keyless-*' } }));
  });
  it('a missing key fails positive operators, satisfies negated ones and …IfExists; Null tests presence', () => {
    assert.ok(!holds({ StringEquals: { 'aws:SourceIdentity': 'x' } }));
    assert.ok(holds({ StringNotEquals: { 'aws:SourceIdentity': 'x' } }));
    assert.ok(holds({ StringEqualsIfExists: { 'aws:SourceIdentity': 'x' } }));
    assert.ok(holds({ Null: { 'aws:SourceIdentity': 'true', 'sts:RoleSessionName': 'false' } }));
  });
  it('multi-valued keys: ForAnyValue / ForAllValues; ForAllValues holds for a missing key', () => {
    assert.ok(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }));
    assert.ok(!holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }));
    assert.ok(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team', 'cost'] } }));
    assert.ok(holds({ 'ForAllValues:StringEquals': { 'aws:RequestTag/none': ['x'] } }));
    assert.ok(holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['env'] } }));
  });
  it('Numeric, Date and Bool compare typed values', () => {
    assert.ok(holds({ NumericGreaterThan: { 'aws:EpochTime': 1_600_000_000 } }));
    assert.ok(holds({ DateLessThan: { 'aws:EpochTime': '2030-01-01T00:00:00Z' } }));
    assert.ok(!holds({ Bool: { 'aws:EpochTime': true } }));
  });
  it('refuses operators it does not implement instead of guessing', () => {
    assert.throws(() => holds({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), UnsupportedConditionError);
  });
});

describe('evaluateTrust', () => {
  const trust = policy({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111122223333:role/keyless-instance-role' },
    Action: 'sts:AssumeRole',
  });
  const instance = {
    type: 'AWS' as const,
    arns: ['arn:aws:iam::111122223333:role/keyless-instance-role', 'arn:aws:sts::111122223333:assumed-role/keyless-instance-role/i-1'],
    accountId: '111122223333',
  };
  it("a statement naming the caller's role allows it explicitly; another role of the account is not trusted", () => {
    assert.deepEqual(evaluateTrust(trust, { principal: instance, actions: ['sts:AssumeRole'], context: ctx }), {
      allowed: true,
      namesCallerExplicitly: true,
    });
    const other = { ...instance, arns: ['arn:aws:iam::111122223333:role/keyless-orders-role'] };
    assert.equal(evaluateTrust(trust, { principal: other, actions: ['sts:AssumeRole'], context: ctx }).allowed, false);
  });
  it('naming the account (id or :root) trusts the account but not explicitly; other accounts are not trusted', () => {
    const account = policy({ Effect: 'Allow', Principal: { AWS: ['111122223333'] }, Action: 'sts:AssumeRole' });
    assert.deepEqual(evaluateTrust(account, { principal: instance, actions: ['sts:AssumeRole'], context: ctx }), {
      allowed: true,
      namesCallerExplicitly: false,
    });
    assert.equal(
      evaluateTrust(account, { principal: { ...instance, accountId: '444455556666', arns: [] }, actions: ['sts:AssumeRole'], context: ctx })
        .allowed,
      false,
    );
  });
  it('every requested action must be allowed (sts:TagSession with tags), and a Deny statement wins', () => {
    assert.equal(evaluateTrust(trust, { principal: instance, actions: ['sts:AssumeRole', 'sts:TagSession'], context: ctx }).allowed, false);
    const denied = policy([trust.Statement].flat()[0] ?? { Effect: 'Allow', Action: '*' }, {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
    });
    assert.equal(evaluateTrust(denied, { principal: instance, actions: ['sts:AssumeRole'], context: ctx }).allowed, false);
  });
  it('federated and service principals with conditions on token claims or principal tags', () => {
    const oidc = policy({
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/127.0.0.1:9/oidc/ci-x' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { '127.0.0.1:9/oidc/ci-x:aud': 'sts.amazonaws.com' },
        StringLike: { '127.0.0.1:9/oidc/ci-x:sub': 'repo:keyless/orders:ref:refs/heads/main' },
      },
    });
    const principal = { type: 'Federated' as const, provider: 'arn:aws:iam::111122223333:oidc-provider/127.0.0.1:9/oidc/ci-x' };
    const claims = (sub: string) => requestContext({ '127.0.0.1:9/oidc/ci-x:aud': 'sts.amazonaws.com', '127.0.0.1:9/oidc/ci-x:sub': sub });
    assert.ok(
      evaluateTrust(oidc, {
        principal,
        actions: ['sts:AssumeRoleWithWebIdentity'],
        context: claims('repo:keyless/orders:ref:refs/heads/main'),
      }).allowed,
    );
    assert.ok(
      !evaluateTrust(oidc, {
        principal,
        actions: ['sts:AssumeRoleWithWebIdentity'],
        context: claims('repo:keyless/orders:ref:refs/heads/feature'),
      }).allowed,
    );
    const ra = policy({
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'att_1' } },
    });
    const service = { type: 'Service' as const, name: 'rolesanywhere.amazonaws.com' };
    assert.ok(
      evaluateTrust(ra, {
        principal: service,
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        context: requestContext({ 'aws:PrincipalTag/x509Subject/CN': 'att_1' }),
      }).allowed,
    );
    assert.ok(
      !evaluateTrust(ra, {
        principal: service,
        actions: ['sts:AssumeRole'],
        context: requestContext({ 'aws:PrincipalTag/x509Subject/CN': 'att_2' }),
      }).allowed,
    );
  });
});

describe('parsePolicy', () => {
  it('accepts the grammar and rejects malformed documents', () => {
    assert.ok(parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'));
    for (const bad of [
      'not json',
      '{"Statement":[]}',
      '{"Statement":{"Effect":"Maybe","Action":"*"}}',
      '{"Statement":{"Effect":"Allow","Action":"*","NotAction":"x"}}',
      '{"Statement":{"Effect":"Allow","Action":"*","Bogus":1}}',
    ]) {
      assert.throws(() => parsePolicy(bad), MalformedPolicyError, bad);
    }
  });
});
