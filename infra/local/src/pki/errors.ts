import { KeylessServiceError } from '../errors/index.ts';

/**
 * An error of the workshop PKI, Keyless's own service: not an AWS one, so not
 * an AwsServiceError. Its codes are the names API Gateway and ACM PCA use for
 * the same refusals (`BadRequestException`, `RequestAlreadyProcessedException`),
 * so a client written for those reads them the same way.
 */
export class PkiError extends KeylessServiceError {}
