export { handleOidcRequest } from './issuer.ts';
export { DEFAULT_REPOSITORY, ID_TOKEN_LIFETIME_SECONDS, jobContext, mintIdToken, subjectOf, type JobContext } from './job-token.ts';
