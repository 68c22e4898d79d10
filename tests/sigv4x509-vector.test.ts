/**
 * The IAM Roles Anywhere lab's hand-written SigV4-X509 signer against a
 * request signed by AWS's own `aws_signing_helper` (v1.1.1).
 *
 * Vector: salrashid123/aws_rolesanywhere_signer, commit d15b633, TESTING.md
 * (the helper's debug dump of the signed request, including X-Amz-X509) and
 * credentials_test.go (the expected Authorization header); the test key is
 * that repository's example/certs/alice-cert.key (commit 2eaa6a7). RSA
 * PKCS#1 v1.5 is deterministic, so the signature must match byte for byte.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { signCreateSession } from '@keyless/labs/content/05-iam-roles-anywhere/solution/sigv4x509.ts';

const ALICE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDsJluTxgm5EWCq
1o8hbLVuilIwtoOhDFjnYa51Ig2KydrcmNAyIKMFF/TBXQb31wUJgeATJte+dFNP
4OE1eW68cgcjYUFpYxgW9CeNHDMxWWFswXbwLOV86dTQkysHJ3cQL6vBAXgcJ2jn
KLrvZIT+Yi/U8ajKg98nUVCjuFF4CwS+1bVDoUyJ+ngi1kVQ8koaKAClahWEG0ZR
3i08ZcKLnJMdU9pPNDQftdPUp4GqK0SAtP9YUSzny9RTGK2jSYGbUcVKXfCnfffr
zACJE582no9NI37yNt3LzOO2e7G5TYcSijMtlozBCm6Yo1QpmIZ5lzNCbcrhYXu8
IA0wVJI/AgMBAAECggEAF98NbSPc52p/HpXffxikQynUAseYXmccn5B2GFzFCK1n
TzBar2PcMXoeoY3xU+FWSYPpmOtZbg+ykkW1uPhEU46lSRQeOXSCbWOTPJudUyo+
rnCPa4TmUoO39w5BZbuSuL37kIrrpNDuX5ue60R6gH/VZ6MMFc38eKwqyM9WMO+e
e6AWGLGNDBDxvgyWhvgRtiSExw9oA3a0GPlfiWPZKVH65BAQr9dUYjAaCb9Vfu6d
zU2thSaDPIm4Xf9GCknxvfXiK/T1Ss8Ibfd/Qm4odYA7nF3EBQKEd/wHmT0jx+YR
NbS9v4yU1RuiPE9GDPv9hgbuPvwI4SfO3Yiu3jQlIQKBgQD7XydCmR7w7WjUGo+d
KVuCmYQoXEgSrygBgMrVFnha2ZKFRguAYINF1jtJheqxMsAKEpiCccJ9n8v2C5+i
F1yFA3prJKRRSCPZHDafuvWECw0KYUyTRwpdFFoq+IP62IS5iVtpce/g2M9OG8yq
fRJ2JKboUr0u3QSBHThlcpe0XwKBgQDwf3Ss3sEsvyKLaS9diKe5N0ZaOxk5NpkO
OjJ2yA5sToXh1qCdLIZgcvmOSYGmVFcMPhlJkhpbGmPg8Y1h6qOY1A+If64FKnAa
675rrEUdEgZYEP4bxJRwY9uqO/wEC61N92s1EhM6sLP5dFmGRhzzEoOUs52g2/zI
vu5jpqruIQKBgC1HZY4EgONLEG/sXOQlV/t9ZaXTgZQEAwPKTD737jQHLvJcvKOi
PuMshL9opO7IQnlOAjS1AyCX0Sh/zYBoDt1S1BFKp2KQyQxJnblF9wWS7AVro1yA
FmjPyrIk07kymS3GhTXINTpeM3FRZptrLhEj5wDALp2raC1NsyPq8VKnAoGABDK1
Xq8kwBs2Byj24rMX+mu0lq6hahZB5bWuW9RyLAHS5HZSp2u3jMd1A77UvIqMWnJb
DqW2QBDd3XdZ+HOYF3rcKo3QA9cRzeZ/lHGVY0SFR9REG0f7L1sO4pHZfFiX1dyT
yoFeRJABFEGrrmRa7QNNuLLJ9ZzhdL+geazXHwECgYARCeETNWx4VgG3vMFtLqen
1xKNUz+2YG0s3JEIezAooTiY4+wC8cV6B6QXSjCEjbEKQ01FKEprFSDi0rBrXQX9
PpWe+8mj2nBNIIVqOZPKXozalvpECOoH3ysG/rZljm//7zz2sdcxXkI9U1hDJ3f8
ZBPZkj7nZu4er3N98A1yVw==
-----END PRIVATE KEY-----
`;

/** X-Amz-X509 as the helper sent it: the DER certificate (serial 21), base64. */
const ALICE_CERT_B64 =
  'MIIENTCCAx2gAwIBAgIBFTANBgkqhkiG9w0BAQsFADBMMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGR29vZ2xlMRMwEQYDVQQLDApFbnRlcnByaXNlMRcwFQYDVQQDDA5TaW5nbGUgUm9vdCBDQTAeFw0yNDA1MTgxNDQ5MzFaFw0zNDA1MTgxNDQ5MzFaMFMxCzAJBgNVBAcMAlVTMQ8wDQYDVQQKDAZHb29nbGUxEzARBgNVBAsMCkVudGVycHJpc2UxHjAcBgNVBAMMFWFsaWNlLWNlcnQuZG9tYWluLmNvbTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAOwmW5PGCbkRYKrWjyFstW6KUjC2g6EMWOdhrnUiDYrJ2tyY0DIgowUX9MFdBvfXBQmB4BMm1750U0/g4TV5brxyByNhQWljGBb0J40cMzFZYWzBdvAs5Xzp1NCTKwcndxAvq8EBeBwnaOcouu9khP5iL9TxqMqD3ydRUKO4UXgLBL7VtUOhTIn6eCLWRVDyShooAKVqFYQbRlHeLTxlwouckx1T2k80NB+109SngaorRIC0/1hRLOfL1FMYraNJgZtRxUpd8Kd99+vMAIkTnzaej00jfvI23cvM47Z7sblNhxKKMy2WjMEKbpijVCmYhnmXM0JtyuFhe7wgDTBUkj8CAwEAAaOCARkwggEVMA4GA1UdDwEB/wQEAwIHgDAJBgNVHRMEAjAAMBMGA1UdJQQMMAoGCCsGAQUFBwMCMB0GA1UdDgQWBBTW9zsS63ojE7V+aUGi5iy4VCcdWDAfBgNVHSMEGDAWgBTs8OpTUz+fI9zBDjEQNwfe3udu8zBFBggrBgEFBQcBAQQ5MDcwNQYIKwYBBQUHMAKGKWh0dHA6Ly9wa2kuZXNvZGVtb2FwcDIuY29tL2NhL3Jvb3QtY2EuY2VyMDoGA1UdHwQzMDEwL6AtoCuGKWh0dHA6Ly9wa2kuZXNvZGVtb2FwcDIuY29tL2NhL3Jvb3QtY2EuY3JsMCAGA1UdEQQZMBeCFWFsaWNlLWNlcnQuZG9tYWluLmNvbTANBgkqhkiG9w0BAQsFAAOCAQEAgPktGR1U2f8mT6PLYtYutejj0su5qxOeOV5EcARm3H2mVS3+GyKxyaADaFJdwuwPPTO/64Do2HxwImXC59CNKbOwyOLi10QeJD9AqsHSvCqwTsT7oWpMO64ngBGa9QuUh/C1UGKKqj8Sqsnf/IsfNQ28Y0x0dQUiue/005Ef2+8gqt22gyNwwfvFSPscrXGCA10V8wvq8jp8k2GZTQr8w0EhP0Hpnts9IXuhGO4HCIZA2MGwdZqliEFhwgQlDzD145OFe1CJTRm7fbbSHDROZwMKPc31mDuCn4PcDtcM+VF5lAH35DghJaX92xyYm+ECPhMBAVqkA8e1WaZdGKi03Q==';

const EXPECTED_AUTHORIZATION =
  'AWS4-X509-RSA-SHA256 Credential=21/20240706/us-east-2/rolesanywhere/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-x509, Signature=500d79d98f50408908db67bd9b794cef9233768063c301d520a792cfc1e84644386a908e67e88003cc98478ae3fec8cd8fd7c42a137b7d338d8d58f250f58a78faa0530a5e90a16be0a98b53162e4dd4b124a753fdcd007f106f82346f424024399fe8af0cb95dbf0601ce37c12747c35f8c1f2ac03289982de9fecfb15a0186575ba2040329ccedc7526b339367b39b76a1b9b834622af0fd7cc11c5fe458ce62da3a7b4fbede02a921134498c50992267249a28d3defd2cb31a7927cdbba56e02f3ce027aadcd60449b6274e3daef6766163a2eb848e4339e7f9ca88b36c83edd6ef28952b10dec2a97eee7780a07d15f8a4b707211c3445b0b367dffff45d';

test("the lab signer reproduces aws_signing_helper's CreateSession signature", () => {
  const url = new URL('http://127.0.0.1:8080/sessions');
  url.searchParams.set('profileArn', 'arn:aws:rolesanywhere:us-east-2:291738886548:profile/6f4943fb-13d4-4242-89c4-be367595c380');
  url.searchParams.set('roleArn', 'arn:aws:iam::291738886548:role/rolesanywhere1');
  url.searchParams.set('trustAnchorArn', 'arn:aws:rolesanywhere:us-east-2:291738886548:trust-anchor/a545a1fc-5d86-4032-8f4c-61cdd6ff92da');
  const headers = signCreateSession({
    url,
    body: '{"durationSeconds":3600}',
    timestamp: '20240706T113859Z',
    region: 'us-east-2',
    certificate: new X509Certificate(Buffer.from(ALICE_CERT_B64, 'base64')),
    privateKey: createPrivateKey(ALICE_KEY),
  });
  assert.equal(headers['x-amz-x509'], ALICE_CERT_B64);
  assert.equal(headers['x-amz-date'], '20240706T113859Z');
  assert.equal(headers.authorization, EXPECTED_AUTHORIZATION);
});
