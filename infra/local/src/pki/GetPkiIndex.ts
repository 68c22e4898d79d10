import { urls } from '../urls.ts';
import type { PkiAction } from './action.ts';

/** `GET /pki/`: where everything is and how to authenticate, for people exploring with curl. */
export const GetPkiIndex: PkiAction = (_request, { pki, baseUrl }) => {
  const base = urls.pki(baseUrl);
  return {
    status: 200,
    json: {
      caCertificateUrl: `${base}/ca.pem`,
      crlUrl: pki.crlUrl,
      certificatesUrl: `${base}/certificates`,
      authentication: 'POST/GET certificates and revoke are SigV4-signed (service execute-api) with your AWS credentials.',
    },
  };
};
