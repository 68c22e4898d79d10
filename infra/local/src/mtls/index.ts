export { startMtlsFrontDoor, type MtlsFrontDoor } from './server.ts';
export { MtlsApiStore } from './api-store.ts';
export { clientCertContext, type ClientCert } from './client-cert.ts';
