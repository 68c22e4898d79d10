import type { OrderRoute } from './route.ts';

/** `GET /orders` (scope orders/read): the attendee's orders, newest first. */
export const ListOrders: OrderRoute = {
  method: 'GET',
  path: '/orders',
  scopes: ['orders/read'],
  handle: ({ owner, state }) => ({ status: 200, body: { orders: state.orders.list(owner.attendeeId) } }),
};
