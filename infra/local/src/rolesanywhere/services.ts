import type { AttendeeRegistry } from '../attendees/index.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import type { Iam } from '../iam/index.ts';
import type { WorkshopPki } from '../pki/workshop-pki.ts';
import type { WriteBatch } from '../sqlite/index.ts';
import type { RolesAnywhereStore } from './resources.ts';

/** The part of the sandbox CreateSession uses. */
export interface RolesAnywhereServices {
  readonly region: string;
  readonly now: () => number;
  readonly iam: Pick<Iam, 'roleByArn' | 'checkTrust' | 'issueRoleSession'>;
  /** The attendees' trust anchors and profiles. */
  readonly rolesAnywhere: Pick<RolesAnywhereStore, 'byTrustAnchorId' | 'byProfileId'>;
  /** The trust anchors' CA and what it issued (revocation). */
  readonly pki: Pick<WorkshopPki, 'ca' | 'lookup'>;
  /** Who a refused attempt's certificate names. */
  readonly attendees: Pick<AttendeeRegistry, 'get'>;
  readonly evidence: Pick<EvidenceStore, 'record'>;
  /** The group commit the session row joins. */
  readonly batch: Pick<WriteBatch, 'run'>;
}
