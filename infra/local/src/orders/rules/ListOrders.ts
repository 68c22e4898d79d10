import type { OrderRoute } from './route.ts';

/** `GET /orders` (scope orders/read): the attendee's orders, newest first. */
export const ListOrders: OrderRoute = {
  method: 'GET',
  path: '/orders',
  scopes: ['orders/read'],
  handle: async ({ owner, orders }) => ({ status: 200, body: { orders: await orders.list(owner.attendeeId) } }),
};
