/**
 * Policies that lab steps show as JSON are the sandbox's real ones: the
 * excerpt in the MDX must equal the statement the role catalogue creates,
 * so the prose cannot drift from what the checker and the emulator enforce.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { roleCatalogue, ROLE_NAMES, type AttendeeRecord } from '@keyless/local-sandbox';
import { repoRoot } from './test-support/repo.ts';

const ATTENDEE = 'att_excerpt';
const TRUST_ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0b5e8f8c-1d2a-4a5b-9c3d-7e6f5a4b3c2d';

function jsonBlock(mdxPath: string): unknown {
  const mdx = readFileSync(join(repoRoot, mdxPath), 'utf8');
  const block = /```json\n([\s\S]+?)```/.exec(mdx)?.[1];
  assert.ok(block, `${mdxPath} has a json code block`);
  return JSON.parse(block.replace('<your attendee id>', ATTENDEE).replace('<your trust anchor ARN>', TRUST_ANCHOR));
}

test("the Roles Anywhere lab shows the role's actual trust policy statement", () => {
  const attendee = { attendeeId: ATTENDEE, iamApiId: 'a1b2c3d4e5' } as AttendeeRecord;
  const roles = roleCatalogue({
    attendee,
    accountId: '123456789012',
    region: 'us-east-1',
    ciIssuer: 'http://127.0.0.1:1/oidc/x',
    rolesAnywhereTrustAnchorArn: TRUST_ANCHOR,
  });
  const role = roles.find((candidate) => candidate.name === ROLE_NAMES.rolesAnywhere);
  assert.ok(role);
  assert.deepEqual(jsonBlock('labs/content/05-iam-roles-anywhere/steps/02-use-the-session.mdx'), role.trustPolicy.Statement[0]);
});
