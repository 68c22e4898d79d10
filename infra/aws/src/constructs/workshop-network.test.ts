import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { WorkshopNetwork } from './workshop-network.ts';
import { testApp } from '../test-support/test-app.ts';

describe('WorkshopNetwork', () => {
  const stack = new Stack(testApp(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  new WorkshopNetwork(stack, 'Net');
  const template = Template.fromStack(stack);

  it('is one VPC with two public /20 subnets and no NAT gateway', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '10.42.0.0/20', MapPublicIpOnLaunch: true });
  });
});
