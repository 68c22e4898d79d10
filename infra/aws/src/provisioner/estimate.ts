import { PRICES, PRICES_AS_OF, PRICES_REGION, USAGE_PER_ATTENDEE_HOUR } from './prices.ts';

/**
 * What an event will cost and how long provisioning takes, printed before
 * anything is created.
 */
export interface Estimate {
  readonly perAttendeeHourUsd: number;
  readonly lines: readonly { label: string; usd: number }[];
  readonly provisionMinutes: number;
  readonly text: string;
}

/** Minutes CloudFormation takes, from the resources' usual creation times (an instance profile alone is about 2 minutes). */
const EVENT_STACK_MINUTES = 8;
const ATTENDEE_STACK_MINUTES = 4;

export function estimate(attendees: number, concurrency: number, hours: number): Estimate {
  const lines = [
    { label: 'EC2 instance (t4g.small)', usd: PRICES.instanceHour.usd },
    { label: 'root volume (8 GiB gp3)', usd: PRICES.volumeHour.usd },
    { label: 'public IPv4 address', usd: PRICES.publicIpv4Hour.usd },
    {
      label: `Cognito M2M app clients (${String(USAGE_PER_ATTENDEE_HOUR.appClients)})`,
      usd: PRICES.m2mAppClientHour.usd * USAGE_PER_ATTENDEE_HOUR.appClients,
    },
    {
      label: `Cognito token requests (${String(USAGE_PER_ATTENDEE_HOUR.tokenRequests)})`,
      usd: PRICES.m2mTokenRequest.usd * USAGE_PER_ATTENDEE_HOUR.tokenRequests,
    },
    {
      label: `API Gateway requests (${String(USAGE_PER_ATTENDEE_HOUR.apiRequests)})`,
      usd: PRICES.apiRequest.usd * USAGE_PER_ATTENDEE_HOUR.apiRequests,
    },
    { label: 'event-wide KMS key, shared', usd: PRICES.kmsKeyHour.usd / Math.max(1, attendees) },
  ];
  const perAttendeeHourUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  // Roles Anywhere's control plane takes 1 profile request per second (its quotas page), so N profiles need at least N seconds.
  const waves = Math.ceil(attendees / concurrency);
  const provisionMinutes = Math.ceil(EVENT_STACK_MINUTES + Math.max(waves * ATTENDEE_STACK_MINUTES, attendees / 60));
  const usd = (value: number): string => `$${value.toFixed(4)}`;
  const text = [
    `Cost per attendee-hour ≈ ${usd(perAttendeeHourUsd)} (${PRICES_REGION} On-Demand prices of ${PRICES_AS_OF}; other regions differ):`,
    ...lines.map((line) => `  ${line.label.padEnd(40)} ${usd(line.usd)}`),
    `  ${attendees} attendees × ${hours} h ≈ $${(perAttendeeHourUsd * attendees * hours).toFixed(2)}; instances bill from creation to teardown, so provision close to the session.`,
    `  ${PRICES.m2mTokenRequest.note}.`,
    `Provisioning ≈ ${String(provisionMinutes)} min: the event stack (~${String(EVENT_STACK_MINUTES)} min), then ${String(attendees)} attendee stacks ${String(concurrency)} at a time (~${String(ATTENDEE_STACK_MINUTES)} min each).`,
  ].join('\n');
  return { perAttendeeHourUsd, lines, provisionMinutes, text };
}
