export { AttendeeRegistry, ORDERS_RESOURCE_SERVER, type AttendeeRecord } from './attendee-registry.ts';
