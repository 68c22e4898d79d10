export { handleSecretsManagerJson, type SecretsManagerHost } from './json-protocol.ts';
export { SecretStore, type StoredSecret } from './secret-store.ts';
