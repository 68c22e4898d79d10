export { handleOrdersRequest, sendOrdersResponse, type OrdersHost } from './http.ts';
export { resolveOrdersApi, type LocalOrdersApi } from './resolve-api.ts';
export { OrderStore } from './order-store.ts';
export { authorizeSigV4, type IamDoorServices } from './iam-authorizer.ts';
export * from './rules/index.ts';
