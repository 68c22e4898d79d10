import type { APIGatewayProxyEvent } from 'aws-lambda';
import { explicitDeny, type DoorDecision, type FrontDoor, type OrderRoute } from '@keyless/local-sandbox/orders-rules';
import { slotFromAssumedRoleArn } from '../../contract/attendee-names.ts';

/** What a front door established about a call before the Lambda ran: who (if anyone AWS can name) and the verdict per route. */
export interface DoorVerdict {
  /** The slot the caller's credential belongs to; undefined when the caller is no attendee of this event. */
  readonly callerSlot: string | undefined;
  readonly decide: (route: OrderRoute) => DoorDecision;
}

/** Resolves an API key id to the slot whose key it is (the key's name carries it). */
export type ApiKeyOwner = (apiKeyId: string) => Promise<string | undefined>;
/** Resolves an app client id to the slot whose client it is (its name starts with `<slot>-`, contract/cognito-clients.ts). */
export type AppClientOwner = (clientId: string) => Promise<string | undefined>;

/** How the Lambda finds out whose credential a call carried. */
export interface CallerLookups {
  readonly apiKeyOwner: ApiKeyOwner;
  readonly appClientOwner: AppClientOwner;
}

const FRONT_DOORS: readonly FrontDoor[] = ['cognito-jwt', 'sigv4', 'api-key', 'mtls'];

export function frontDoorOf(event: APIGatewayProxyEvent): FrontDoor | undefined {
  const door = event.stageVariables?.frontDoor;
  return FRONT_DOORS.find((candidate) => candidate === door);
}

/**
 * The verdict of the door API Gateway already passed the call through, in
 * the rules' terms. API Gateway has checked the credential itself (the API
 * key, the SigV4 signature, the token's signature and expiry, the client
 * certificate and the revocation authorizer); what is left for the Lambda is
 * what the rules own: a method's scopes, and that the path's slot is the
 * caller's.
 */
export async function doorVerdict(
  event: APIGatewayProxyEvent,
  door: FrontDoor,
  eventId: string,
  lookups: CallerLookups,
): Promise<DoorVerdict> {
  const context = event.requestContext;
  switch (door) {
    case 'api-key': {
      const keyId = context.identity.apiKeyId;
      const callerSlot = keyId ? await lookups.apiKeyOwner(keyId) : undefined;
      return { callerSlot, decide: () => ({ allow: true }) };
    }
    case 'sigv4': {
      const principal = context.identity.userArn ?? '';
      return {
        callerSlot: slotFromAssumedRoleArn(eventId, principal),
        decide: () => ({ allow: true, principal }),
      };
    }
    case 'mtls': {
      const authorizer = (context.authorizer ?? {}) as Record<string, unknown>;
      const principal = typeof authorizer.subject === 'string' ? authorizer.subject : '';
      const callerSlot = typeof authorizer.slot === 'string' ? authorizer.slot : undefined;
      return { callerSlot, decide: () => ({ allow: true, principal }) };
    }
    case 'cognito-jwt': {
      const claims = (context.authorizer as { claims?: Record<string, unknown> } | null)?.claims ?? {};
      const principal = typeof claims.client_id === 'string' ? claims.client_id : typeof claims.sub === 'string' ? claims.sub : '';
      const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
      const tokenId = typeof claims.jti === 'string' ? { tokenId: claims.jti } : {};
      return {
        // App clients are no IAM resources and carry no tags: the client's name says whose it is (README, "Cognito").
        callerSlot: principal ? await lookups.appClientOwner(principal) : undefined,
        decide: (route) =>
          route.scopes.some((scope) => scopes.includes(scope))
            ? { allow: true, principal, scopes, ...tokenId }
            : {
                allow: false,
                status: 401,
                message: 'Unauthorized',
                errorType: 'UnauthorizedException',
                reason: `scope mismatch: needs ${route.scopes.join(' or ')}`,
                principal,
                scopes,
                ...tokenId,
              },
      };
    }
  }
}

/** A caller AWS attributed to another slot (or to none), asking for this slot's path: refused. */
export function otherSlotDenied(principal: string | undefined, attributed: boolean): DoorDecision {
  const reason = attributed ? "this path is another attendee's sandbox" : 'the caller is no attendee of this event';
  return explicitDeny(reason, principal ? { principal } : {});
}
