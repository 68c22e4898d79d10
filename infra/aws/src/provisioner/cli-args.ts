import { parseArgs } from 'node:util';

/** `provision` and `teardown` arguments, checked, with the message a wrong one gets. */
export interface ProvisionArgs {
  readonly event: string;
  readonly attendees: number;
  readonly concurrency: number;
  readonly region: string;
  readonly templates: string;
  readonly instanceType: string;
  readonly hours: number;
  readonly yes: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const USAGE_PROVISION =
  'usage: npm run provision -- --event <event id> --attendees <N> [--concurrency <K>=10] --region <region> --templates <synth dir> [--hours <h>=2] [--instance-type t4g.small] [--yes]';
const USAGE_TEARDOWN = 'usage: npm run teardown -- --event <event id> --region <region> [--concurrency <K>=10]';

function positiveInteger(name: string, value: string | undefined, fallback: number | undefined, max: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${String(max)}, got "${value}"`);
  return number;
}

function required(name: string, value: string | undefined, usage: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required\n${usage}`);
  return value;
}

export function parseProvisionArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ProvisionArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      event: { type: 'string' },
      attendees: { type: 'string' },
      concurrency: { type: 'string' },
      region: { type: 'string' },
      templates: { type: 'string' },
      hours: { type: 'string' },
      'instance-type': { type: 'string' },
      yes: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return {
    event: required('event', values.event, USAGE_PROVISION),
    attendees: positiveInteger('attendees', values.attendees, undefined, 999),
    concurrency: positiveInteger('concurrency', values.concurrency, 10, 50),
    region: required('region', values.region ?? env.AWS_REGION, USAGE_PROVISION),
    templates: required('templates', values.templates, USAGE_PROVISION),
    instanceType: values['instance-type'] ?? 't4g.small',
    hours: positiveInteger('hours', values.hours, 2, 72),
    yes: values.yes,
  };
}

export function parseTeardownArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { event: string; region: string; concurrency: number } {
  const { values } = parseArgs({
    args: [...argv],
    options: { event: { type: 'string' }, region: { type: 'string' }, concurrency: { type: 'string' } },
    strict: true,
  });
  return {
    event: required('event', values.event, USAGE_TEARDOWN),
    region: required('region', values.region ?? env.AWS_REGION, USAGE_TEARDOWN),
    concurrency: positiveInteger('concurrency', values.concurrency, 10, 50),
  };
}
