export { OidcIssuer, type OidcIssuerRequest, type OidcIssuerServices } from './issuer.ts';
export { DEFAULT_REPOSITORY, ID_TOKEN_LIFETIME_SECONDS, jobContext, mintIdToken, subjectOf, type JobContext } from './job-token.ts';
