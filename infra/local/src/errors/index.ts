export { AwsServiceError, KeylessServiceError, ServiceError } from './service-error.ts';
