import type { ApiCallEvidence, DecisionEvidence, Evidence } from '@keyless/labs/sandbox';
import type { WireEntry } from '../model.ts';
import { entryOf, outcomeStatus } from './entry.ts';

/** A call that reached no front door's decision (an unknown method: API Gateway's 403 Missing Authentication Token). */
export function decodeUnauthenticatedCall(evidence: ApiCallEvidence): WireEntry {
  return entryOf(evidence, {
    mechanism: 'other',
    service: 'Orders API',
    request: `${evidence.method} ${evidence.path}`,
    door: 'no method',
    status: String(evidence.status),
    summary: 'No such method on this API: API Gateway answers 403 Missing Authentication Token before any authorization.',
  });
}

/** A design decision submitted to the architecture-review endpoint (the "choosing" lab). */
export function decodeDecision(evidence: DecisionEvidence): WireEntry {
  return entryOf(evidence, {
    mechanism: 'other',
    service: 'Architecture review',
    request: `decision: ${evidence.scenario}`,
    door: 'review endpoint',
    status: outcomeOf(evidence),
    summary: `You chose ${evidence.choice} for ${evidence.scenario}.`,
    fields: evidence.reason ? [{ label: 'Reason', value: evidence.reason, explain: 'Your one-line justification, as submitted.' }] : [],
  });
}

function outcomeOf(evidence: DecisionEvidence): string {
  return evidence.outcome === 'success' ? 'recorded' : 'refused';
}

/** Evidence of a kind with no decoder yet: its kind and outcome only, never its other fields (they might not be meant for a page). */
export function decodeUnknown(evidence: Evidence): WireEntry {
  const { kind } = evidence as { kind: string };
  return entryOf(evidence, {
    mechanism: 'other',
    service: kind,
    request: kind,
    door: '',
    status: outcomeStatus(evidence),
    summary: 'A request this view cannot decode yet.',
  });
}
