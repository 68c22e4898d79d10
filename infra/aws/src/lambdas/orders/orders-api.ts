import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { invokeOrdersApi, type OrderBook, type OrdersResponse } from '@keyless/local-sandbox/orders-rules';
import type { EvidenceWriter } from '../shared/evidence-writer.ts';
import { doorVerdict, frontDoorOf, otherSlotDenied, type CallerLookups } from './door-decision.ts';

export interface OrdersApiDependencies {
  readonly eventId: string;
  readonly orders: OrderBook;
  readonly evidence: EvidenceWriter;
  readonly lookups: CallerLookups;
}

const SLOT = /^a\d{3}$/;

/**
 * The Orders API behind API Gateway: one function for the four doors (each
 * door is its own REST API whose stage variable `frontDoor` names it), the
 * attendee slot as the first path segment, and the same rules module the
 * local emulator hosts (`invokeOrdersApi`, `ORDER_ROUTES`), so methods,
 * scopes, validation, answers and `api-call` evidence are one implementation.
 */
export function createOrdersApiHandler(deps: OrdersApiDependencies): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    const door = frontDoorOf(event);
    if (!door)
      throw new Error(`Stage variable frontDoor is ${JSON.stringify(event.stageVariables?.frontDoor)}: the stack is misconfigured.`);
    const pathSlot = event.pathParameters?.slot ?? '';
    // The resource is /{slot}/orders: anything else never reaches here, but a slot that is no slot is refused like a missing route.
    if (!SLOT.test(pathSlot)) return toResult({ status: 404, headers: {}, body: { message: 'Not Found' } });
    const verdict = await doorVerdict(event, door, deps.eventId, deps.lookups);
    const { callerSlot } = verdict;
    const refused = callerSlot !== pathSlot;
    // A caller AWS attributed to another slot is refused, and the refusal is evidence of the caller, not of the path's owner.
    const owner = { attendeeId: callerSlot ?? pathSlot };
    const response = await invokeOrdersApi(
      {
        api: { owner, apiId: event.requestContext.apiId, frontDoor: door },
        method: event.httpMethod,
        resourcePath: event.resource.replace(/^\/\{slot\}/, ''),
        body: bodyOf(event),
        requestId: event.requestContext.requestId,
      },
      (route) => {
        const decision = verdict.decide(route);
        return refused ? otherSlotDenied(decision.principal, callerSlot !== undefined) : decision;
      },
      { orders: deps.orders, evidence: deps.evidence },
      { cors: true },
    );
    return toResult(response);
  };
}

function bodyOf(event: APIGatewayProxyEvent): Uint8Array {
  if (event.body === null) return new Uint8Array();
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

function toResult(response: OrdersResponse): APIGatewayProxyResult {
  return {
    statusCode: response.status,
    headers: { ...response.headers, ...(response.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: response.body === undefined ? '' : JSON.stringify(response.body),
  };
}
