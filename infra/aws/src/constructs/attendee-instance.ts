import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { attendeeRoleName } from '../contract/attendee-names.ts';
import { attendeeUserData } from './instance/user-data.ts';

export interface AttendeeInstanceProps {
  readonly eventId: string;
  readonly slot: string;
  readonly vpc: ec2.IVpc;
  readonly permissionsBoundary: iam.IManagedPolicy;
  /** t4g.micro by default: Node 24 and an npm install want more than a nano's 512 MiB. */
  readonly instanceType?: ec2.InstanceType;
}

/**
 * The attendee's machine: a small Graviton instance on the latest AL2023
 * arm64 AMI (the public SSM parameter, resolved at deploy), IMDSv2 required
 * with a hop limit of 1 (no container on it can reach IMDS through a bridge),
 * no key pair, a security group with no inbound rule, an encrypted root
 * volume, reachable only through SSM; its role (the workload's identity in
 * lab 2) carries the permissions boundary and the SSM managed-instance
 * policy, and its user data installs Node 24, the lab template and the IMDS
 * recorder.
 */
export class AttendeeInstance extends Construct {
  readonly role: iam.Role;
  readonly instance: ec2.Instance;

  constructor(scope: Construct, id: string, props: AttendeeInstanceProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: attendeeRoleName(props.eventId, props.slot, 'instance'),
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      permissionsBoundary: props.permissionsBoundary,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    const securityGroup = new ec2.SecurityGroup(this, 'NoInbound', {
      vpc: props.vpc,
      description: 'Keyless attendee instance: no inbound rule; outbound for SSM, nodejs.org and npm',
      allowAllOutbound: true,
    });
    this.instance = new ec2.Instance(this, 'Instance', {
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      role: this.role,
      securityGroup,
      requireImdsv2: true,
      userData: ec2.UserData.custom(attendeeUserData()),
      blockDevices: [
        { deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) },
      ],
      associatePublicIpAddress: true,
    });
    const cfn = this.instance.node.defaultChild as ec2.CfnInstance;
    cfn.metadataOptions = { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled', instanceMetadataTags: 'disabled' };
  }
}
