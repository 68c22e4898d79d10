import { randomBytes } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Unbiased random string over `alphabet` (rejection sampling on random bytes). */
export function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet.charAt(byte % alphabet.length);
      if (out.length === length) break;
    }
  }
  return out;
}

// Shapes follow the real services so attendee code that validates ids (or a
// regex in aws-jwt-verify) accepts them.

/** `us-east-1_AbCdEf123` */
export const newUserPoolId = (region: string): string => `${region}_${randomString(MIXED_ALNUM, 9)}`;
/** 26 lowercase alphanumerics, like Cognito app client ids. */
export const newClientId = (): string => randomString(LOWER_ALNUM, 26);
/** 51 lowercase alphanumerics, like Cognito client secrets. */
export const newClientSecret = (): string => randomString(LOWER_ALNUM, 51);
/** API Gateway REST API ids are 10 lowercase alphanumerics. */
export const newApiId = (): string => randomString(LOWER_ALNUM, 10);
/** A Cognito domain prefix (lowercase letters, digits, hyphens). */
export const newDomainPrefix = (): string => `keyless-${randomString(LOWER_ALNUM, 10)}`;
/** Temporary (STS) access keys start with ASIA. */
export const newTemporaryAccessKeyId = (): string => `ASIA${randomString(BASE32, 16)}`;
export const newSecretAccessKey = (): string => randomBytes(30).toString('base64');
export const newSessionToken = (): string => `IQoJb3JpZ2luX2Vj${randomBytes(240).toString('base64')}`;
export const newOrderId = (): string => `ord_${randomString(LOWER_ALNUM, 16)}`;

const DIGITS = '0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';
/** A 12-digit AWS account id (never starting with 0, so no tool strips a leading zero). */
export const newAccountId = (): string => `${randomString('123456789', 1)}${randomString(DIGITS, 11)}`;
/** `i-` + 17 hex digits, like current EC2 instance ids. */
export const newInstanceId = (): string => `i-${randomString(HEX, 17)}`;
/** IAM unique ids: AROA… for roles, AIPA… for instance profiles (4-letter prefix + 17). */
export const newRoleId = (): string => `AROA${randomString(UPPER_ALNUM, 17)}`;
export const newInstanceProfileId = (): string => `AIPA${randomString(UPPER_ALNUM, 17)}`;
/** API Gateway API keys are 40 alphanumerics. */
export const newApiKey = (): string => randomString(MIXED_ALNUM, 40);
/** Path segment of an attendee's simulated CI OIDC issuer. */
export const newOidcId = (): string => `ci-${randomString(LOWER_ALNUM, 10)}`;
/** Bearer a simulated CI job presents to get an ID token (like ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
export const newRequestToken = (): string => randomBytes(32).toString('base64url');
