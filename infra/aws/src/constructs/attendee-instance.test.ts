import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AttendeeInstance } from './attendee-instance.ts';
import { WorkshopNetwork } from './workshop-network.ts';
import { testApp } from '../test-support/test-app.ts';

describe('AttendeeInstance', () => {
  const stack = new Stack(testApp(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  const boundary = iam.ManagedPolicy.fromManagedPolicyArn(
    stack,
    'Boundary',
    'arn:aws:iam::123456789012:policy/keyless-e1-attendee-boundary',
  );
  new AttendeeInstance(stack, 'Machine', {
    eventId: 'e1',
    slot: 'a007',
    vpc: new WorkshopNetwork(stack, 'Net').vpc,
    permissionsBoundary: boundary,
  });
  const template = Template.fromStack(stack);

  it('is a t4g.micro on the AL2023 arm64 SSM parameter, IMDSv2 only, hop limit 1, no key pair', () => {
    template.hasResourceProperties('AWS::EC2::Instance', {
      InstanceType: 't4g.micro',
      ImageId: { Ref: Match.stringLikeRegexp('SsmParameterValue.*al2023.*arm64') },
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      KeyName: Match.absent(),
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 8, VolumeType: 'gp3' } }],
    });
  });

  it('its security group has no inbound rule', () => {
    const groups = template.findResources('AWS::EC2::SecurityGroup');
    for (const group of Object.values(groups))
      assert.equal((group.Properties as { SecurityGroupIngress?: unknown }).SecurityGroupIngress, undefined);
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  it('its role is named for the slot, bounded, and managed by SSM', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'keyless-e1-a007-instance',
      PermissionsBoundary: 'arn:aws:iam::123456789012:policy/keyless-e1-attendee-boundary',
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }],
    });
    template.resourceCountIs('AWS::IAM::InstanceProfile', 1);
  });

  it('boots with the user data that installs the IMDS recorder', () => {
    const instance = Object.values(template.findResources('AWS::EC2::Instance'))[0];
    const userData = JSON.stringify(instance?.Properties);
    assert.match(userData, /keyless-imds-recorder\.service/);
  });
});
