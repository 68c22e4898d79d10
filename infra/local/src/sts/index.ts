export { STS_ACTIONS } from './actions.ts';
export { handleStsRequest, type StsHost } from './query-protocol.ts';
export type { StsAction, StsRequest, StsServices } from './action.ts';
