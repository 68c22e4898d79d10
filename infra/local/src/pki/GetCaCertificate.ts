import { pem, type PkiAction } from './action.ts';

/**
 * `GET /pki/ca.pem`: the workshop CA certificate, unauthenticated (it is
 * public by nature). Clients trust the mTLS front door's server certificate
 * with it (`curl --cacert`), and it is the truststore and trust anchor.
 */
export const GetCaCertificate: PkiAction = (_request, { pki }) => pem(200, pki.ca.certificatePem);
