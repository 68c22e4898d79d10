import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { newOrderId } from '../attendees/ids.ts';
import type { Order, OrderBook } from './rules/index.ts';

interface OrderRow {
  order_id: string;
  item: string;
  quantity: number;
  created_by: string;
  created_at: number;
}

/** Each attendee's orders, in SQLite; one attendee never sees another's. */
export class OrderStore implements OrderBook {
  readonly #now: () => number;
  readonly #insert: StatementSync;
  readonly #list: StatementSync;

  constructor(db: DatabaseSync, now: () => number) {
    this.#now = now;
    this.#insert = db.prepare(
      'INSERT INTO orders (order_id, attendee_id, item, quantity, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#list = db.prepare(
      'SELECT order_id, item, quantity, created_by, created_at FROM orders WHERE attendee_id = ? ORDER BY seq DESC LIMIT ?',
    );
  }

  create(attendeeId: string, order: { item: string; quantity: number; createdBy: string }): Order {
    const row: OrderRow = {
      order_id: newOrderId(),
      item: order.item,
      quantity: order.quantity,
      created_by: order.createdBy,
      created_at: this.#now(),
    };
    this.#insert.run(row.order_id, attendeeId, row.item, row.quantity, row.created_by, row.created_at);
    return toOrder(row);
  }

  /** Newest first. */
  list(attendeeId: string, limit = 100): Order[] {
    return (this.#list.all(attendeeId, limit) as unknown as OrderRow[]).map(toOrder);
  }
}

function toOrder(row: OrderRow): Order {
  return {
    orderId: row.order_id,
    item: row.item,
    quantity: row.quantity,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
