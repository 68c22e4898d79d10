import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The SDK clients the AWS Sandbox reads with; one set per site process, credentials from the default chain. */
export interface AwsSandboxClients {
  readonly cloudformation: CloudFormationClient;
  readonly apiGateway: APIGatewayClient;
  readonly ssm: SSMClient;
  readonly documents: DynamoDBDocumentClient;
  readonly cognito: CognitoIdentityProviderClient;
}

export function createAwsSandboxClients(region: string): AwsSandboxClients {
  const config = { region, maxAttempts: 5 };
  return {
    cloudformation: new CloudFormationClient(config),
    apiGateway: new APIGatewayClient(config),
    ssm: new SSMClient(config),
    documents: DynamoDBDocumentClient.from(new DynamoDBClient(config)),
    cognito: new CognitoIdentityProviderClient(config),
  };
}
