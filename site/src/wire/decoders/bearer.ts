import type { ApiCallEvidence } from '@keyless/labs/sandbox';
import type { WireEntry, WireField } from '../model.ts';
import { entryOf } from './entry.ts';
import { tokenParts } from './token-parts.ts';

/** A call to the Orders API's Cognito JWT door with a bearer access token. */
export function decodeBearerCall(evidence: ApiCallEvidence): WireEntry {
  const { fields: tokenFields, blocks } = tokenParts(evidence.token, 'presented');
  const required = evidence.requiredScopes ?? [];
  const presented = evidence.scopes ?? [];
  const matched = required.filter((scope) => presented.includes(scope));
  const fields: WireField[] = [
    {
      label: 'Scope decision',
      value:
        required.length === 0
          ? 'not reached'
          : matched.length > 0
            ? `allowed: the token has ${matched.join(', ')}`
            : `refused: the method needs ${required.join(' or ')}`,
      explain: 'The method lists the scopes it accepts; the token needs at least one of them.',
    },
    {
      label: 'Token scopes',
      value: presented.length > 0 ? presented.join(' ') : '(none read)',
      explain: 'Read from the token’s signed scope claim: the caller cannot add one.',
    },
    ...tokenFields,
  ];
  return entryOf(evidence, {
    mechanism: 'bearer',
    service: 'Orders API',
    request: `${evidence.method} ${evidence.path}`,
    door: 'Cognito JWT door',
    status: String(evidence.status),
    ...(evidence.principal ? { caller: evidence.principal } : {}),
    summary:
      evidence.outcome === 'success'
        ? 'A bearer token, not the client secret, crossed the wire: it expires on its own and carries only its scopes.'
        : 'The authorizer refused the token (REST Cognito authorizers answer every refusal with 401).',
    fields,
    blocks,
  });
}
