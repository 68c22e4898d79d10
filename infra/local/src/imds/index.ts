export { ImdsListeners, type ImdsListenerServices } from './imds-listeners.ts';
export { attendeeImds, type ImdsServices } from './attendee-imds.ts';
export { instanceMetadataService, type ImdsRequest, type InstanceMetadataService } from './imds-handler.ts';
