/**
 * `fetch`, signed with AWS Signature Version 4 for API Gateway
 * (`execute-api`), as you did by hand in the STS lab. It signs with the
 * credentials you pass (a Roles Anywhere or CI role session, say) or, when
 * you pass none, with your instance's role credentials, found by the SDK's
 * default chain: that is how the workshop PKI, which sits behind IAM
 * authorization, knows it is you asking. Nothing long-lived is in the code.
 *
 * You do not need to change this file.
 */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
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
  /** Whose credentials sign the request; default: the instance's, from the default chain. */
  readonly credentials?: AwsCredentials;
}

// Made once, on first use: a lab that always passes credentials never asks the default chain.
let instanceCredentials: ReturnType<typeof fromNodeProviderChain> | undefined;

export async function signedFetch(url: string, init: SignedFetchInit = {}): Promise<Response> {
  const target = new URL(url);
  const method = init.method ?? 'GET';
  const signer = new SignatureV4({
    service: 'execute-api',
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: init.credentials
      ? {
          accessKeyId: init.credentials.accessKeyId,
          secretAccessKey: init.credentials.secretAccessKey,
          ...(init.credentials.sessionToken ? { sessionToken: init.credentials.sessionToken } : {}),
        }
      : (instanceCredentials ??= fromNodeProviderChain()),
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
