export { ImdsListeners } from './imds-listeners.ts';
export { attendeeImds } from './attendee-imds.ts';
export { instanceMetadataService, type InstanceMetadataService } from './imds-handler.ts';
