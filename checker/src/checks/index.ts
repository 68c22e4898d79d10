import type { CheckKind } from '../types.ts';
import { apiCall } from './api-call.ts';
import { certificate } from './certificate.ts';
import { controlPlaneCall } from './control-plane-call.ts';
import { decision } from './decision.ts';
import { imdsRequest } from './imds-request.ts';
import { revocationEnforced } from './revocation-enforced.ts';
import { rolesAnywhereSession } from './rolesanywhere-session.ts';
import { stsCall } from './sts-call.ts';
import { tlsHandshake } from './tls-handshake.ts';
import { tokenIssued } from './token-issued.ts';
import { tokenReuse } from './token-reuse.ts';
import { userPoolClient } from './user-pool-client.ts';

/** Every check kind, by name. Adding a kind means adding a file and a line here. */
export const checkKinds: ReadonlyMap<string, CheckKind> = new Map<string, CheckKind>(
  [
    userPoolClient,
    tokenIssued,
    tokenReuse,
    apiCall,
    controlPlaneCall,
    stsCall,
    imdsRequest,
    tlsHandshake,
    certificate,
    rolesAnywhereSession,
    decision,
    revocationEnforced,
  ].map((kind) => [kind.kind, kind as CheckKind]),
);
