import type { ApiCallEvidence, Evidence } from '@keyless/labs/sandbox';
import { decodeApiKeyCall } from './decoders/api-key.ts';
import { decodeBearerCall } from './decoders/bearer.ts';
import { decodeImdsRequest } from './decoders/imds.ts';
import { decodeMtlsCall, decodeTlsHandshake } from './decoders/mtls.ts';
import { decodeTokenRequest } from './decoders/oauth-token.ts';
import { decodeDecision, decodeUnauthenticatedCall, decodeUnknown } from './decoders/other.ts';
import { decodeCreateSession } from './decoders/roles-anywhere.ts';
import { decodeCertificate, decodeControlPlaneCall, decodeIamDoorCall, decodeStsCall } from './decoders/sigv4.ts';
import type { WireEntry } from './model.ts';

/** One evidence event as a Wire entry, by the mechanism that carried it. */
export function decodeEvidence(evidence: Evidence): WireEntry {
  switch (evidence.kind) {
    case 'token-issued':
      return decodeTokenRequest(evidence);
    case 'api-call':
      return decodeApiCall(evidence);
    case 'sts-call':
      return decodeStsCall(evidence);
    case 'control-plane-call':
      return decodeControlPlaneCall(evidence);
    case 'imds-request':
      return decodeImdsRequest(evidence);
    case 'tls-handshake':
      return decodeTlsHandshake(evidence);
    case 'certificate':
      return decodeCertificate(evidence);
    case 'rolesanywhere-session':
      return decodeCreateSession(evidence);
    case 'decision':
      return decodeDecision(evidence);
    default:
      // A kind added to the contract before it has a decoder still shows as a line, never breaks the view.
      return decodeUnknown(evidence);
  }
}

function decodeApiCall(evidence: ApiCallEvidence): WireEntry {
  switch (evidence.authType) {
    case 'api-key':
      return decodeApiKeyCall(evidence);
    case 'cognito-jwt':
      return decodeBearerCall(evidence);
    case 'sigv4':
      return decodeIamDoorCall(evidence);
    case 'mtls':
      return decodeMtlsCall(evidence);
    case 'none':
      return decodeUnauthenticatedCall(evidence);
  }
}
