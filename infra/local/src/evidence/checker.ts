/**
 * User-agent marker of the sandbox's own control-plane reads (the checker's
 * DescribeUserPoolClient and ListUserPoolClients): they are not attendee
 * evidence, so services that record calls leave them out.
 */
export const CHECKER_USER_AGENT = 'keyless-sandbox-checker';
