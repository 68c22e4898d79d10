/**
 * The STS lab shows the orders role's trust policy as JSON; it must be the
 * statement the sandbox's role catalogue really creates, so the prose cannot
 * drift from what STS enforces.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { roleCatalogue, ROLE_NAMES, type AttendeeRecord } from '@keyless/local-sandbox';
import { repoRoot } from './test-support/repo.ts';

const ACCOUNT = '123456789012';

test("the STS lab shows the orders role's actual trust policy statement", () => {
  const mdx = readFileSync(join(repoRoot, 'labs/content/01-sts-temporary-credentials/steps/02-assume-role.mdx'), 'utf8');
  const block = /```json\n([\s\S]+?)```/.exec(mdx)?.[1];
  assert.ok(block, 'the step has a json code block');
  const shown: unknown = JSON.parse(block.replaceAll('<your account>', ACCOUNT));
  const attendee = { attendeeId: 'att_excerpt', iamApiId: 'a1b2c3d4e5' } as AttendeeRecord;
  const roles = roleCatalogue({
    attendee,
    accountId: ACCOUNT,
    region: 'us-east-1',
    ciIssuer: 'http://127.0.0.1:1/oidc/x',
    rolesAnywhereTrustAnchorArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/x`,
  });
  const orders = roles.find((role) => role.name === ROLE_NAMES.orders);
  assert.ok(orders);
  const statements = [orders.trustPolicy.Statement].flat();
  assert.equal(statements.length, 1, 'the lab says the instance role is the only principal trusted');
  assert.deepEqual(shown, statements[0]);
});
