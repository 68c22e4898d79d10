export { ORDER_ROUTES } from './routes.ts';
export { handleOrdersRequest } from './orders-api.ts';
export { OrderStore, type Order } from './order-store.ts';
export type { OrderRoute } from './route.ts';
