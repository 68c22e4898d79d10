import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attendeeStackName, eventStackName } from '../contract/stack-outputs.ts';

/** A synthesized CloudFormation template, inline or already published to S3. */
export type StackTemplate = { readonly body: string } | { readonly url: string };

/** Where the provisioner gets the event's and each attendee's template. */
export interface TemplateSource {
  event(): Promise<StackTemplate>;
  attendee(slot: string): Promise<StackTemplate>;
}

/**
 * CloudFormation takes at most 51,200 bytes of TemplateBody in a CreateStack
 * request (CloudFormation User Guide, "CloudFormation quotas": template body
 * size in a request); a larger template must come from S3 (TemplateURL).
 */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

/**
 * Templates from a synth output directory (`cdk synth -o <dir>` writes
 * `<stack name>.template.json`): the event's as `keyless-<event>.template.json`
 * (or `event.template.json`), an attendee's as `keyless-<event>-<slot>.template.json`
 * or, when the app synthesizes one parameterized attendee template,
 * `attendee.template.json` (its EventId/AttendeeSlot parameters are filled
 * per stack; see stackParameters).
 */
export function templatesFromDirectory(dir: string, eventId: string): TemplateSource {
  const pick = (names: readonly string[]): StackTemplate => {
    for (const name of names) {
      const path = join(dir, name);
      if (existsSync(path)) return inline(path);
    }
    throw new Error(`no template in ${dir}: looked for ${names.join(', ')} (run the CDK app's synth into this directory)`);
  };
  return {
    event: () => Promise.resolve(pick([`${eventStackName(eventId)}.template.json`, 'event.template.json'])),
    attendee: (slot) => Promise.resolve(pick([`${attendeeStackName(eventId, slot)}.template.json`, 'attendee.template.json'])),
  };
}

function inline(path: string): StackTemplate {
  const body = readFileSync(path, 'utf8');
  if (Buffer.byteLength(body) > MAX_TEMPLATE_BODY_BYTES)
    throw new Error(
      `${path} is ${String(Buffer.byteLength(body))} bytes; CloudFormation takes at most ${String(MAX_TEMPLATE_BODY_BYTES)} inline. Publish it to S3 (cdk deploy publishes assets) and give its URL instead.`,
    );
  return { body };
}

/** Values the provisioner knows for parameters a template may declare. */
export interface KnownParameters {
  readonly EventId: string;
  readonly AttendeeSlot?: string;
  readonly ExpiresAt: string;
}

/** CloudFormation Parameters for the ones the template declares (CDK's own, like BootstrapVersion, keep their defaults). */
export function stackParameters(template: StackTemplate, known: KnownParameters): { ParameterKey: string; ParameterValue: string }[] {
  if (!('body' in template)) return [];
  const declared = Object.keys((JSON.parse(template.body) as { Parameters?: Record<string, unknown> }).Parameters ?? {});
  return Object.entries(known)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && declared.includes(entry[0]))
    .map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
}
