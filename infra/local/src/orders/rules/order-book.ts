/** An order as the API answers it. */
export interface Order {
  readonly orderId: string;
  readonly item: string;
  readonly quantity: number;
  /** Principal (client id, role ARN, certificate subject, `api-key:<apiId>`) that created it. */
  readonly createdBy: string;
  /** ISO-8601. */
  readonly createdAt: string;
}

/**
 * Where each attendee's orders are kept (one attendee never sees another's):
 * SQLite locally (../order-store.ts), a table on AWS.
 */
export interface OrderBook {
  create(attendeeId: string, order: { item: string; quantity: number; createdBy: string }): Order | Promise<Order>;
  /** Newest first. */
  list(attendeeId: string): readonly Order[] | Promise<readonly Order[]>;
}
