/**
 * Read-only describe calls the checker needs, made with the real AWS SDK
 * clients against whichever sandbox is in use. Shapes are the SDK's own.
 */

export interface UserPoolClientDescription {
  readonly clientId: string;
  readonly clientName: string;
  readonly hasSecret: boolean;
  readonly allowedOAuthFlows: readonly string[];
  readonly allowedOAuthScopes: readonly string[];
  readonly allowedOAuthFlowsUserPoolClient: boolean;
  /** Access-token validity in seconds. */
  readonly accessTokenValiditySeconds: number;
}

export interface ControlPlane {
  /** All app clients of the attendee's user pool. */
  listUserPoolClients(): Promise<readonly UserPoolClientDescription[]>;
  /** One app client, or undefined if it does not exist in the attendee's pool. */
  describeUserPoolClient(clientId: string): Promise<UserPoolClientDescription | undefined>;
}
