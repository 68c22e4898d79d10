import { CreateOrder } from './CreateOrder.ts';
import { ListOrders } from './ListOrders.ts';
import type { OrderRoute } from './route.ts';

/** The Orders API's methods. */
export const ORDER_ROUTES: readonly OrderRoute[] = [ListOrders, CreateOrder];
