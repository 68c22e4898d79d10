import { UpdateCrlCommand, type RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import type * as x509 from './x509.ts';

/**
 * Roles Anywhere checks revocation against CRLs imported into it, not by
 * fetching a distribution point (IAM Roles Anywhere User Guide, "Revocation"):
 * after each revocation the PKI replaces the trust anchor's CRL, created by
 * the event stack, with the new one. A control-plane call per revocation,
 * well under the service's 1 TPS.
 */
export function rolesAnywhereCrlUpdater(client: RolesAnywhereClient, crlId: string): (crl: x509.X509Crl) => Promise<void> {
  return async (crl) => {
    await client.send(new UpdateCrlCommand({ crlId, crlData: new Uint8Array(crl.rawData) }));
  };
}
