import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { attendeeClientNamePrefix } from '../contract/cognito-clients.ts';
import { attendeeStackName, ATTENDEE_STACK_OUTPUTS } from '../contract/stack-outputs.ts';
import { AttendeeApiKey } from '../constructs/attendee-api-key.ts';
import { AttendeeInstance } from '../constructs/attendee-instance.ts';
import { AttendeeRoles } from '../constructs/attendee-roles.ts';
import { eventExportName, type EventStack } from './event-stack.ts';
import { tagForSweep } from './keyless-tags.ts';

export interface AttendeeStackProps extends StackProps {
  readonly event: EventStack;
  readonly slot: string;
  readonly expiresAt: string;
}

/**
 * One attendee's thin stack: only what is per attendee and not capped or
 * rate-limited per account (IAM roles, an instance profile, a small
 * instance, an API key, a secret, a Roles Anywhere profile). What it needs
 * of the event comes from the event stack's exports.
 */
export class AttendeeStack extends Stack {
  readonly eventId: string;
  readonly slot: string;

  constructor(scope: Construct, props: AttendeeStackProps) {
    const { event, slot } = props;
    const name = attendeeStackName(event.eventId, slot);
    super(scope, name, { ...props, stackName: name, description: `Keyless event ${event.eventId}: attendee ${slot}` });
    this.eventId = event.eventId;
    this.slot = slot;
    this.addStackDependency(event);
    const boundary = event.boundary.policy;
    const stageArn = (apiId: string) => this.formatArn({ service: 'execute-api', resource: apiId, resourceName: 'prod' });
    const machine = new AttendeeInstance(this, 'Machine', {
      eventId: event.eventId,
      slot,
      vpc: event.network.vpc,
      permissionsBoundary: boundary,
    });
    const roles = new AttendeeRoles(this, 'Roles', {
      eventId: event.eventId,
      slot,
      instanceRole: machine.role,
      permissionsBoundary: boundary,
      userPoolArn: event.users.userPool.userPoolArn,
      trustAnchorArn: event.ca.trustAnchor.attrTrustAnchorArn,
      iamDoorStageArn: stageArn(Fn.importValue(eventExportName(event.eventId, 'IamDoorApiId'))),
      workshopStageArn: stageArn(Fn.importValue(eventExportName(event.eventId, 'WorkshopApiId'))),
    });
    const apiKey = new AttendeeApiKey(this, 'ApiKey', { eventId: event.eventId, slot, usagePlanId: event.orders.usagePlan.usagePlanId });
    tagForSweep(this, { eventId: event.eventId, expiresAt: props.expiresAt, slot });

    const output = (id: string, value: string) => new CfnOutput(this, id, { value });
    output(ATTENDEE_STACK_OUTPUTS.instanceId, machine.instance.instanceId);
    output(ATTENDEE_STACK_OUTPUTS.instanceRoleArn, machine.role.roleArn);
    output(ATTENDEE_STACK_OUTPUTS.ordersRoleArn, roles.orders.roleArn);
    output(ATTENDEE_STACK_OUTPUTS.ordersApiKeyId, apiKey.key.ref);
    output(ATTENDEE_STACK_OUTPUTS.clientManagerRoleArn, roles.clientManager.roleArn);
    output(ATTENDEE_STACK_OUTPUTS.cognitoClientSecretId, roles.clientSecret.secretName);
    output(ATTENDEE_STACK_OUTPUTS.appClientNamePrefix, attendeeClientNamePrefix(slot));
    output(ATTENDEE_STACK_OUTPUTS.rolesAnywhereProfileArn, roles.profile.attrProfileArn);
    output(ATTENDEE_STACK_OUTPUTS.rolesAnywhereRoleArn, roles.rolesAnywhere.roleArn);
    output(ATTENDEE_STACK_OUTPUTS.certificateSubject, roles.commonName);
  }
}
