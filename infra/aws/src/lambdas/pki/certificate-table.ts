import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Reasons an attendee may give (RFC 5280 names), as the local PKI takes them. */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** A certificate the workshop CA issued; times are epoch ms; `serial` canonical hex. */
export interface CertificateRecord {
  readonly serial: string;
  readonly slot: string;
  /** RFC 2253, as the certificate carries it. */
  readonly subject: string;
  readonly keyType: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly revokedAt?: number;
  readonly revocationReason?: RevocationReason;
}

export interface CertificateTable {
  put(record: CertificateRecord): Promise<void>;
  get(serial: string): Promise<CertificateRecord | undefined>;
  /** Every certificate (a workshop's few hundred: one Scan, paged). */
  all(): Promise<readonly CertificateRecord[]>;
}

/**
 * The PKI's certificates in DynamoDB, keyed by serial: the mTLS revocation
 * authorizer reads one item per new certificate, the CRL reads them all.
 */
export function dynamoCertificateTable(client: DynamoDBDocumentClient, tableName: string): CertificateTable {
  return {
    async put(record) {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...record } }));
    },
    async get(serial) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { serial } }));
      return Item as CertificateRecord | undefined;
    },
    async all() {
      const records: CertificateRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
        records.push(...((page.Items ?? []) as CertificateRecord[]));
        start = page.LastEvaluatedKey;
      } while (start);
      return records;
    },
  };
}
