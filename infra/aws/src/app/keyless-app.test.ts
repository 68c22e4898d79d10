import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ATTENDEE_STACK_OUTPUTS, EVENT_STACK_OUTPUTS } from '../contract/stack-outputs.ts';
import { KEYLESS_TAGS } from '../contract/tags.ts';
import { toSandboxOutputs } from '../sandbox/sandbox-outputs.ts';
import { testAppProps } from '../test-support/test-app.ts';
import { keylessApp } from './keyless-app.ts';

describe('the whole app: event stack and two attendee stacks', () => {
  const { app, event, attendees } = keylessApp({
    eventId: 'reinvent',
    attendees: 2,
    expiresAt: '2026-12-03T00:00:00Z',
    mtls: { domainName: 'orders-mtls.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/example' },
    env: { account: '123456789012', region: 'us-east-1' },
    appProps: testAppProps(),
  });
  const assembly = app.synth();
  const stacks = [event, ...attendees];

  it('synthesizes with no cdk-nag AwsSolutions error or warning left unexplained', () => {
    const findings = stacks.flatMap((stack) => [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-')),
    ]);
    assert.deepEqual(
      findings.map((finding) => `${finding.id}: ${JSON.stringify(finding.entry.data).split('\n')[0] ?? ''}`),
      [],
    );
  });

  it('names the stacks as the contract does', () => {
    assert.deepEqual(assembly.stacks.map((stack) => stack.stackName).sort(), [
      'keyless-reinvent',
      'keyless-reinvent-a001',
      'keyless-reinvent-a002',
    ]);
  });

  it('emits exactly the contract outputs', () => {
    const eventOutputs = Object.keys(Template.fromStack(event).findOutputs('*')).filter((id) => !id.startsWith('Export'));
    const expected = Object.values(EVENT_STACK_OUTPUTS).filter((key) => key !== EVENT_STACK_OUTPUTS.ciOidcIssuer);
    assert.deepEqual(eventOutputs.sort(), [...expected].sort());
    const attendeeOutputs = Object.keys(Template.fromStack(attendees[0] ?? event).findOutputs('*'));
    const expectedAttendee = Object.values(ATTENDEE_STACK_OUTPUTS).filter(
      (key) => key !== ATTENDEE_STACK_OUTPUTS.ciRoleArn && key !== ATTENDEE_STACK_OUTPUTS.ciAudienceOnlyRoleArn,
    );
    assert.deepEqual(attendeeOutputs.sort(), [...expectedAttendee].sort());
  });

  it('emits every output the AWS Sandbox needs: outputs shaped like the synthesized ones load as SandboxOutputs', () => {
    // A deploy's outputs have the template's keys; the values here are placeholders of the right kind.
    const keysOf = (stack: Stack): string[] =>
      Object.keys(Template.fromStack(stack).findOutputs('*')).filter((id) => !id.startsWith('Export'));
    const placeholders = (keys: string[]): Record<string, string> =>
      Object.fromEntries(keys.map((key) => [key, key === EVENT_STACK_OUTPUTS.region ? 'eu-west-1' : `https://example.com/${key}`]));
    const outputs = toSandboxOutputs({
      event: placeholders(keysOf(event)),
      attendee: placeholders(keysOf(attendees[0] ?? event)),
      eventStack: 'keyless-reinvent',
      attendeeStack: 'keyless-reinvent-a001',
      slot: 'a001',
      apiKeyValue: 'placeholder-key-value',
    });
    assert.equal(outputs.region, 'eu-west-1');
    assert.equal(outputs.ciRoleArn, '', 'the OIDC lab is local-only in AWS mode: no CI role output');
  });

  it('tags what it creates for the sweep: event everywhere, the slot on attendee resources', () => {
    const roles = Template.fromStack(attendees[1] ?? event).findResources('AWS::IAM::Role');
    for (const role of Object.values(roles)) {
      const tags = (role.Properties as { Tags?: { Key: string; Value: string }[] }).Tags ?? [];
      assert.deepEqual(Object.fromEntries(tags.filter((tag) => tag.Key.startsWith('keyless:')).map((tag) => [tag.Key, tag.Value])), {
        [KEYLESS_TAGS.project]: 'keyless',
        [KEYLESS_TAGS.event]: 'reinvent',
        [KEYLESS_TAGS.expiresAt]: '2026-12-03T00:00:00Z',
        [KEYLESS_TAGS.attendeeSlot]: 'a002',
      });
    }
    Template.fromStack(event).hasResourceProperties('AWS::KMS::Key', {
      Tags: Match.arrayWith([{ Key: KEYLESS_TAGS.event, Value: 'reinvent' }]),
    });
  });

  it('puts nothing rate-limited or capped per account in an attendee stack', () => {
    const types = new Set(
      attendees.flatMap((stack) =>
        Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type),
      ),
    );
    for (const shared of [
      'AWS::ApiGateway::RestApi',
      'AWS::ApiGateway::DomainName',
      'AWS::RolesAnywhere::TrustAnchor',
      'AWS::Cognito::UserPool',
      'AWS::EC2::VPC',
      'AWS::Lambda::Function',
    ]) {
      assert.equal(types.has(shared), false, shared);
    }
  });
});
