/**
 * The prices the cost estimate uses: us-east-1, On-Demand, in USD, as
 * written down on 2026-12-02 from the public pricing pages named beside
 * each. Prices change and differ by region: the estimate says so, and an
 * instructor should check the pages (or the AWS Pricing Calculator) for
 * their region before a real event. Data, not logic: update here.
 */
export const PRICES_AS_OF = '2026-12-02';
export const PRICES_REGION = 'us-east-1';

export interface Price {
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
  readonly note?: string;
}

export const PRICES = {
  /** The attendee instance (Graviton, 2 vCPU, 2 GiB). */
  instanceHour: { usd: 0.0168, unit: 't4g.small instance-hour (Linux)', source: 'https://aws.amazon.com/ec2/pricing/on-demand/' },
  /** Its root volume: 8 GiB gp3 at $0.08 per GB-month, 730 hours a month. */
  volumeHour: { usd: (8 * 0.08) / 730, unit: '8 GiB gp3 volume-hour', source: 'https://aws.amazon.com/ebs/pricing/' },
  /** The instance's public IPv4 address (SSM reaches the instance over the internet; no NAT gateway). */
  publicIpv4Hour: { usd: 0.005, unit: 'public IPv4 address-hour', source: 'https://aws.amazon.com/vpc/pricing/' },
  /** Cognito machine-to-machine: each active app client, prorated by the second (about $6 a month). */
  m2mAppClientHour: { usd: 6 / 730, unit: 'M2M app client-hour', source: 'https://aws.amazon.com/cognito/pricing/' },
  m2mTokenRequest: {
    usd: 2.25 / 10_000,
    unit: 'client-credentials token request',
    source: 'https://aws.amazon.com/cognito/pricing/',
    note: 'third-party summaries of this price disagree by a factor of 10 or more; check the pricing page',
  },
  apiRequest: { usd: 3.5 / 1_000_000, unit: 'REST API request', source: 'https://aws.amazon.com/api-gateway/pricing/' },
  /** The workshop CA's asymmetric KMS key, shared by the event: $1 a month. */
  kmsKeyHour: { usd: 1 / 730, unit: 'KMS key-hour (event-wide)', source: 'https://aws.amazon.com/kms/pricing/' },
} as const satisfies Record<string, Price>;

/** What one attendee does in an hour of the workshop, for the estimate (Runs every 20–40 s during labs). */
export const USAGE_PER_ATTENDEE_HOUR = {
  appClients: 3,
  tokenRequests: 60,
  apiRequests: 300,
} as const;
