export { ORDER_ROUTES } from './routes.ts';
export { handleOrdersRequest } from './orders-api.ts';
export { OrderStore, type Order } from './order-store.ts';
export type { OrderRoute } from './route.ts';
export { resolveOrdersApi, type FrontDoor, type OrdersApi } from './front-door.ts';
