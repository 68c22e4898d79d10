import type { JwtEvidence } from '@keyless/labs/sandbox';
import type { WireBlock, WireField } from '../model.ts';
import { isoSeconds } from './entry.ts';

/** A JWT's header and claims as two blocks, and its expiry as a countdown; the signature only as "present". */
export function tokenParts(token: JwtEvidence | undefined, whose: 'issued' | 'presented'): { fields: WireField[]; blocks: WireBlock[] } {
  if (!token) return { fields: [], blocks: [] };
  const fields: WireField[] = [
    {
      label: 'Signature',
      value: token.signaturePresent ? `present (${token.header.alg}, not shown)` : 'missing',
      explain: 'Proves the user pool issued these claims; anyone holding the whole token can use it, so it is never printed.',
    },
  ];
  const { exp } = token.claims;
  if (exp !== undefined) {
    fields.push({
      label: 'exp',
      value: isoSeconds(exp * 1000),
      explain:
        whose === 'issued'
          ? 'The token is refused after this: fetch a new one rather than keep it.'
          : 'The authorizer refuses the token after this.',
      countdownTo: exp * 1000,
    });
  }
  return {
    fields,
    blocks: [
      {
        title: 'Token header',
        text: JSON.stringify(token.header, null, 2),
        explain: 'Its kid names the key in the pool’s JWKS that verifies the signature.',
      },
      {
        title: whose === 'issued' ? 'Claims issued' : 'Claims the authorizer read',
        text: JSON.stringify(token.claims, null, 2),
        explain: 'Readable by anyone holding the token: claims are signed, not encrypted.',
      },
    ],
  };
}
