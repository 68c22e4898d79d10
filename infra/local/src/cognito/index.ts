export { COGNITO_ACTIONS } from './actions.ts';
export { handleCognitoJson, type CognitoHost } from './json-protocol.ts';
export { CognitoStore, type ResourceServer } from './client-store.ts';
export { accessTokenSeconds, type UserPoolClient } from './user-pool-client.ts';
export type { CognitoAction, CognitoActionContext } from './context.ts';
