import type { OrderBook } from './order-book.ts';

/** What a method answers; `error` names a refusal in evidence. */
export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly error?: string;
}

/** One method on one resource of the Orders API, with the scopes its authorizer requires. */
export interface OrderRoute {
  readonly method: string;
  /** Resource path without the stage. */
  readonly path: string;
  /** The method's authorization scopes; any one suffices. */
  readonly scopes: readonly string[];
  handle(request: {
    readonly owner: { readonly attendeeId: string };
    readonly principal: string;
    readonly body: Uint8Array;
    readonly orders: OrderBook;
  }): Promise<RouteResult> | RouteResult;
}
