import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { attendeeSlot } from '../contract/stack-outputs.ts';
import type { MtlsDomainProps } from '../constructs/orders-api.ts';
import { AttendeeStack } from './attendee-stack.ts';
import { EventStack } from './event-stack.ts';
import { suppressEventStackFindings, suppressAttendeeStackFindings } from './nag-suppressions.ts';

export interface KeylessAppProps {
  readonly eventId: string;
  readonly attendees: number;
  readonly expiresAt: string;
  readonly mtls: MtlsDomainProps;
  /** Account and region to deploy to (the AL2023 AMI parameter and the ARNs need a region). */
  readonly env?: { readonly account?: string; readonly region?: string };
  readonly outdir?: string;
  /**
   * Settings of the App itself, for tests (test-support/test-app.ts: reuse
   * unchanged Lambda bundles, skip CDK's built-in CloudFormation validation).
   * The production synth sets none: it bundles every Lambda afresh and validates.
   */
  readonly appProps?: AppProps;
}

/**
 * The CDK app of AWS mode: one event stack and a stack per attendee slot
 * (a001 … aNNN), every one checked by cdk-nag's AwsSolutions rules; each
 * suppression carries its reason (nag-suppressions.ts).
 */
export function keylessApp(props: KeylessAppProps): { app: App; event: EventStack; attendees: AttendeeStack[] } {
  const app = new App({ ...props.appProps, ...(props.outdir ? { outdir: props.outdir } : {}) });
  const env = props.env ?? {};
  const event = new EventStack(app, { eventId: props.eventId, expiresAt: props.expiresAt, mtls: props.mtls, env });
  const attendees = Array.from(
    { length: props.attendees },
    (_, index) => new AttendeeStack(app, { event, slot: attendeeSlot(index + 1), expiresAt: props.expiresAt, env }),
  );
  suppressEventStackFindings(event);
  for (const attendee of attendees) suppressAttendeeStackFindings(attendee);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, event, attendees };
}
