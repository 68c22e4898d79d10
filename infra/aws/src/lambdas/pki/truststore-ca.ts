import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { KMSClient } from '@aws-sdk/client-kms';
import { kmsX509Signer } from './kms-signer.ts';
import type { WorkshopCa } from './workshop-ca.ts';
import * as x509 from './x509.ts';

/**
 * The CA certificate is read from the mTLS truststore object (the one copy
 * API Gateway also trusts), once per container; the signer is the KMS key.
 * A failed read is not cached, so the next request tries again.
 */
export function truststoreCa(options: {
  s3: S3Client;
  bucket: string;
  key: string;
  kms: KMSClient;
  keyId: string;
}): () => Promise<WorkshopCa> {
  let loading: Promise<WorkshopCa> | undefined;
  return () => {
    loading ??= (async () => {
      const object = await options.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: options.key }));
      const pem = (await object.Body?.transformToString('utf8')) ?? '';
      return { certificate: new x509.X509Certificate(pem), signer: kmsX509Signer(options.kms, options.keyId) };
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
