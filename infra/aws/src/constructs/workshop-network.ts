import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/**
 * The event's one VPC for the attendee instances (5 VPCs per region by
 * default, so never one per attendee): two AZs, public subnets only, no NAT
 * gateway (an instance reaches SSM, nodejs.org and the npm registry over its
 * public address; nothing can reach it, since its security group has no
 * inbound rule). Two /20 subnets hold 8,000 instances.
 */
export class WorkshopNetwork extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/16'),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'instances', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 20, mapPublicIpOnLaunch: true }],
      restrictDefaultSecurityGroup: false,
    });
  }
}
