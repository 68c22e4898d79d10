import { pem, type PkiAction } from './action.ts';

/**
 * `GET /pki/crl` (DER, `application/pkix-crl`, the form RFC 5280 §4.2.1.13
 * says a CRL distribution point serves) and `GET /pki/crl.pem`. Public,
 * like every CRL: the URL is in each certificate the CA issues.
 */
export function GetCrl(format: 'der' | 'pem'): PkiAction {
  return async (_request, { pki }) => {
    const crl = await pki.crl.current();
    if (format === 'pem') return pem(200, crl.pem);
    return {
      status: 200,
      bytes: crl.der,
      contentType: 'application/pkix-crl',
      headers: { 'last-modified': new Date(crl.thisUpdate).toUTCString(), expires: new Date(crl.nextUpdate).toUTCString() },
    };
  };
}
