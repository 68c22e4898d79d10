export { AttendeeRegistry, ORDERS_RESOURCE_SERVER, type AttendeeRecord } from './attendee-registry.ts';
export { CredentialStore, CREDENTIAL_LIFETIME_MS, CREDENTIAL_REFRESH_MS, type AttendeeCredentials, type StoredCredentials } from './credentials.ts';
