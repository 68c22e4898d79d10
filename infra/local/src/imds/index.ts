export { ImdsListeners } from './imds-listeners.ts';
export { instanceMetadataService, type InstanceMetadataService } from './imds-handler.ts';
