import { z } from 'zod';
import { defineCheckKind, fail, listOf, pass } from '../types.ts';

/**
 * Passes when the attendee's user pool holds an app client configured as the
 * lab asks (flows, scopes, secret). Judged from DescribeUserPoolClient, the
 * control plane's own record, not from anything the code printed. The
 * control plane lists only the attendee's own clients: in AWS mode, where the
 * room shares one pool, those named with their `<slot>-` prefix.
 */
export const userPoolClient = defineCheckKind({
  kind: 'user-pool-client',
  params: z
    .object({
      flows: z.array(z.string()).min(1).describe('OAuth flows the client must allow, and no others.'),
      scopes: z.array(z.string()).default([]).describe('Scopes the client must be allowed.'),
      secret: z.boolean().default(true).describe('Whether the client must have a secret.'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const clients = await sandbox.controlPlane.listUserPoolClients();
    if (clients.length === 0) {
      return fail(
        'user-pool-client.none',
        'Your user pool has no app clients of yours yet: CreateUserPoolClient has not succeeded, or the client is not named with your APP_CLIENT_NAME_PREFIX.',
      );
    }
    const problems: string[] = [];
    for (const client of clients) {
      const issues: string[] = [];
      const flows = [...client.allowedOAuthFlows].sort();
      if (flows.join(',') !== [...params.flows].sort().join(',')) {
        issues.push(`its AllowedOAuthFlows are ${listOf(flows)}, expected only ${listOf(params.flows)}`);
      }
      const missing = params.scopes.filter((scope) => !client.allowedOAuthScopes.includes(scope));
      if (missing.length > 0) issues.push(`it is not allowed the scope${missing.length > 1 ? 's' : ''} ${listOf(missing)}`);
      if (params.secret && !client.hasSecret) issues.push('it has no client secret (GenerateSecret: true)');
      if (!client.allowedOAuthFlowsUserPoolClient) issues.push('AllowedOAuthFlowsUserPoolClient is not true');
      if (issues.length === 0) {
        return pass(
          'user-pool-client.ok',
          `App client "${client.clientName}" (${client.clientId}) allows ${listOf(flows)} with ${listOf([...client.allowedOAuthScopes])}.`,
        );
      }
      problems.push(`"${client.clientName}": ${issues.join('; ')}`);
    }
    return fail('user-pool-client.misconfigured', `No app client is configured as needed. ${problems.join('. ')}.`);
  },
});
