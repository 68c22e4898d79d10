/**
 * `fetch`, signed with AWS Signature Version 4 for API Gateway
 * (`execute-api`), as you did by hand in the STS lab, with the credentials
 * you pass (here: the CI role's session). Nothing long-lived is in the code.
 *
 * You do not need to change this file.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignedFetchInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Whose credentials sign the request. */
  readonly credentials: AwsCredentials;
}

export async function signedFetch(url: string, init: SignedFetchInit): Promise<Response> {
  const target = new URL(url);
  const method = init.method ?? 'GET';
  const signer = new SignatureV4({
    service: 'execute-api',
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: init.credentials.accessKeyId,
      secretAccessKey: init.credentials.secretAccessKey,
      ...(init.credentials.sessionToken ? { sessionToken: init.credentials.sessionToken } : {}),
    },
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    new HttpRequest({
      method,
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port ? { port: Number(target.port) } : {}),
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: { ...init.headers, host: target.host },
      ...(init.body !== undefined ? { body: init.body } : {}),
    }),
  );
  // fetch sets Host itself, from the same URL.
  const { host: _host, ...headers } = signed.headers;
  return fetch(url, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
}
