import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { attendeeApiBaseUrl } from '../contract/attendee-names.ts';
import { ATTENDEE_STACK_OUTPUTS, EVENT_STACK_OUTPUTS } from '../contract/stack-outputs.ts';
import { requireOutput } from './stack-outputs-reader.ts';

/**
 * The labs' SandboxOutputs from the event stack's and the attendee stack's
 * outputs. Against AWS nothing is overridden: `endpointOverrides` is empty
 * and the SDK's default chain and endpoints are the real ones. The event has
 * one API per front door for the whole room, so the attendee's base URLs
 * carry their slot as the first path segment (attendeeApiBaseUrl).
 */
export function toSandboxOutputs(input: {
  readonly event: Record<string, string>;
  readonly attendee: Record<string, string>;
  readonly eventStack: string;
  readonly attendeeStack: string;
  readonly slot: string;
  /** The API key's value (API Gateway GetApiKey with includeValue; never a stack output). */
  readonly apiKeyValue: string;
}): SandboxOutputs {
  const event = (key: (typeof EVENT_STACK_OUTPUTS)[keyof typeof EVENT_STACK_OUTPUTS]): string =>
    requireOutput(input.event, key, input.eventStack);
  const attendee = (key: (typeof ATTENDEE_STACK_OUTPUTS)[keyof typeof ATTENDEE_STACK_OUTPUTS]): string =>
    requireOutput(input.attendee, key, input.attendeeStack);
  // The OIDC lab's issuer and roles: AWS mode has no CI issuer yet (docs/aws.md, "not yet in AWS mode"),
  // so the stacks do not output them and that lab is local-only there; every other output is required.
  const optional = (outputs: Record<string, string>, key: string): string => outputs[key] ?? '';
  const region = event(EVENT_STACK_OUTPUTS.region);
  const perAttendee = (key: (typeof EVENT_STACK_OUTPUTS)[keyof typeof EVENT_STACK_OUTPUTS]): string =>
    attendeeApiBaseUrl(event(key), input.slot);
  return {
    region,
    cognitoUserPoolId: event(EVENT_STACK_OUTPUTS.userPoolId),
    cognitoTokenUrl: event(EVENT_STACK_OUTPUTS.cognitoTokenUrl),
    cognitoIssuer: event(EVENT_STACK_OUTPUTS.cognitoIssuer),
    cognitoJwksUri: event(EVENT_STACK_OUTPUTS.cognitoJwksUri),
    ordersApiUrl: perAttendee(EVENT_STACK_OUTPUTS.ordersApiUrl),
    ordersApiKey: input.apiKeyValue,
    ordersApiKeyUrl: perAttendee(EVENT_STACK_OUTPUTS.ordersApiKeyUrl),
    ordersIamUrl: perAttendee(EVENT_STACK_OUTPUTS.ordersIamUrl),
    ordersMtlsUrl: perAttendee(EVENT_STACK_OUTPUTS.ordersMtlsUrl),
    ordersRoleArn: attendee(ATTENDEE_STACK_OUTPUTS.ordersRoleArn),
    clientManagerRoleArn: attendee(ATTENDEE_STACK_OUTPUTS.clientManagerRoleArn),
    cognitoClientSecretId: attendee(ATTENDEE_STACK_OUTPUTS.cognitoClientSecretId),
    appClientNamePrefix: attendee(ATTENDEE_STACK_OUTPUTS.appClientNamePrefix),
    pkiUrl: perAttendee(EVENT_STACK_OUTPUTS.pkiUrl),
    rolesAnywhereTrustAnchorArn: event(EVENT_STACK_OUTPUTS.rolesAnywhereTrustAnchorArn),
    rolesAnywhereProfileArn: attendee(ATTENDEE_STACK_OUTPUTS.rolesAnywhereProfileArn),
    rolesAnywhereRoleArn: attendee(ATTENDEE_STACK_OUTPUTS.rolesAnywhereRoleArn),
    // The public endpoint (AWS General Reference, "IAM Roles Anywhere endpoints and quotas").
    rolesAnywhereEndpoint: `https://rolesanywhere.${region}.amazonaws.com`,
    ciOidcIssuer: optional(input.event, EVENT_STACK_OUTPUTS.ciOidcIssuer),
    ciRoleArn: optional(input.attendee, ATTENDEE_STACK_OUTPUTS.ciRoleArn),
    ciAudienceOnlyRoleArn: optional(input.attendee, ATTENDEE_STACK_OUTPUTS.ciAudienceOnlyRoleArn),
    // The simulated CI job's token endpoint and bearer are local mode's; AWS mode has none yet (docs/aws.md, "not yet in AWS mode").
    ciIdTokenRequestUrl: '',
    ciIdTokenRequestToken: '',
    reviewApiUrl: event(EVENT_STACK_OUTPUTS.reviewApiUrl),
    endpointOverrides: {},
  };
}
