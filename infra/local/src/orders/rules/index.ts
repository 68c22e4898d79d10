/**
 * The Orders API's rules, host-independent: its methods and their scopes,
 * the front doors' verdicts in API Gateway's terms, and the evidence of
 * every call. Nothing here knows node:http, SQLite or the emulator: the
 * local sandbox hosts it behind its own HTTP server (../http.ts, ../../mtls),
 * and on AWS a Lambda handler behind API Gateway imports it unchanged.
 */
export {
  invokeOrdersApi,
  type ApiCallRecord,
  type Authorize,
  type OrdersBackend,
  type OrdersCall,
  type OrdersResponse,
} from './orders-api.ts';
export { explicitDeny, type Caller, type DoorDecision, type FrontDoor, type OrdersApi } from './front-door.ts';
export { ORDER_ROUTES } from './routes.ts';
export type { OrderRoute, RouteResult } from './route.ts';
export type { Order, OrderBook } from './order-book.ts';
export { authorizeApiKey } from './api-key-authorizer.ts';
export { authorizeCognitoAccessToken, type TrustedPool } from './cognito-authorizer.ts';
