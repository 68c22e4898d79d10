/**
 * How long checks keep polling AWS-mode evidence before they call it
 * missing. What can lag behind an attendee's Run:
 * - IAM: a role, policy or trust change is eventually consistent and can
 *   take seconds to be visible everywhere (IAM User Guide, "Changes that I
 *   make are not always immediately visible",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency);
 * - DynamoDB: the evidence table is read with ConsistentRead, which returns
 *   every write that completed before the read; a default (eventually
 *   consistent) read may miss one for a short while (DynamoDB Developer
 *   Guide, "DynamoDB read consistency",
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html);
 * - Cognito's DescribeUserPoolClient right after CreateUserPoolClient, and
 *   the IMDS recorder's log read through SSM (one Run Command round trip,
 *   about a second or two).
 * Ten seconds covers these with room; a check that passes returns at once.
 */
export const AWS_CONSISTENCY_WINDOW_MS = 10_000;
