import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttendeeRecord } from '../attendees/index.ts';
import { cognitoIssuer } from '../cognito/issuer.ts';
import { headerValue } from '../http/io.ts';
import type { UserPoolKeys } from '../keys/user-pool-keys.ts';
import { sendRestResult } from '../protocols/rest-json.ts';
import { authorizeSigV4, type IamDoorServices } from './iam-authorizer.ts';
import {
  authorizeApiKey,
  authorizeCognitoAccessToken,
  invokeOrdersApi,
  type DoorDecision,
  type OrderRoute,
  type OrdersBackend,
  type OrdersResponse,
} from './rules/index.ts';
import type { LocalOrdersApi } from './resolve-api.ts';

/** What hosting the Orders API locally needs: the backend, and what the emulated authorizers check against. */
export interface OrdersHost extends OrdersBackend, IamDoorServices {
  /** The user pools' keys, for the Cognito authorizer. */
  readonly keys: Pick<UserPoolKeys, 'forPool'>;
}

/**
 * One of an attendee's Orders API stages on the emulator's port:
 * `/restapis/<apiId>/prod/<resource>`. The API's front door is emulated here
 * (Cognito JWT, IAM SigV4 or API key, as API Gateway would run it); the
 * rules (rules/) do the rest.
 */
export async function handleOrdersRequest(
  request: IncomingMessage,
  response: ServerResponse,
  resourcePath: string,
  body: Buffer,
  api: LocalOrdersApi,
  host: OrdersHost,
): Promise<void> {
  const method = request.method ?? 'GET';
  const result = await invokeOrdersApi(
    { api, method, resourcePath, body, requestId: randomUUID() },
    (route) => authorize(request, body, api, route, host),
    host,
    { cors: true },
  );
  sendOrdersResponse(response, result);
}

/** The rules' answer, on the wire (REST-JSON; a preflight has no body). */
export function sendOrdersResponse(response: ServerResponse, result: OrdersResponse): void {
  sendRestResult(
    response,
    result.body === undefined
      ? { status: result.status, headers: result.headers, noBody: true }
      : { status: result.status, headers: result.headers, json: result.body },
  );
}

function authorize(
  request: IncomingMessage,
  body: Buffer,
  api: LocalOrdersApi,
  route: OrderRoute,
  host: OrdersHost,
): Promise<DoorDecision> | DoorDecision {
  const owner: AttendeeRecord = api.owner;
  switch (api.frontDoor) {
    case 'api-key':
      return authorizeApiKey(headerValue(request, 'x-api-key'), owner.apiKey);
    case 'sigv4':
      return authorizeSigV4(
        { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body },
        api,
        route.path,
        host,
      );
    case 'cognito-jwt':
      return authorizeCognitoAccessToken(
        headerValue(request, 'authorization'),
        route.scopes,
        { issuer: cognitoIssuer(host.region, owner.userPoolId), resolveKey: host.keys.forPool(owner.userPoolId).resolve },
        host.now,
      );
  }
}
