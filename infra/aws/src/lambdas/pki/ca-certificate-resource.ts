import { GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { createCaCertificate } from './ca-certificate.ts';
import { kmsX509Signer } from './kms-signer.ts';
import { signCrl } from './workshop-ca.ts';

export interface CaCertificateResourceDependencies {
  readonly kms: KMSClient;
  readonly s3: S3Client;
  readonly now: () => number;
  /** Sends the response to CloudFormation's pre-signed URL (fetch in the Lambda). */
  readonly respond: (url: string, body: string) => Promise<void>;
}

/** What the event stack passes: where the CA's key is and where the truststore goes. */
interface Properties {
  readonly KeyId: string;
  readonly EventId: string;
  readonly Bucket: string;
  readonly Key: string;
}

/**
 * A CloudFormation custom resource (invoked directly, no provider
 * framework): on Create and Update it makes the workshop CA's self-signed
 * certificate over the KMS key (the key never leaves KMS), writes it as the
 * mTLS truststore object, and returns the PEM (for the Roles Anywhere trust
 * anchor), the object's version (for the custom domain's truststore) and an
 * empty CRL (for Roles Anywhere's CRL). The physical id is the object's
 * version, so a replaced CA's Delete removes exactly its own version. Every
 * outcome, failures included, is reported, so a stack never waits an hour
 * for a silent function.
 */
export function createCaCertificateResource(
  deps: CaCertificateResourceDependencies,
): (event: CloudFormationCustomResourceEvent) => Promise<void> {
  return async (event) => {
    const base = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
    const props = event.ResourceProperties as unknown as Properties;
    try {
      if (event.RequestType === 'Delete') {
        if (/^[A-Za-z0-9._-]{1,1024}$/.test(event.PhysicalResourceId) && event.PhysicalResourceId !== 'failed') {
          await deps.s3.send(new DeleteObjectCommand({ Bucket: props.Bucket, Key: props.Key, VersionId: event.PhysicalResourceId }));
        }
        await deps.respond(event.ResponseURL, JSON.stringify({ ...base, Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId }));
        return;
      }
      const { PublicKey, KeySpec } = await deps.kms.send(new GetPublicKeyCommand({ KeyId: props.KeyId }));
      if (!PublicKey || KeySpec !== 'ECC_NIST_P256') throw new Error(`The CA key must be ECC_NIST_P256; KMS says ${KeySpec ?? 'nothing'}.`);
      const signer = kmsX509Signer(deps.kms, props.KeyId);
      const now = deps.now();
      const certificate = await createCaCertificate(signer, PublicKey, { eventId: props.EventId, now });
      const pem = `${certificate.toString('pem')}\n`;
      const put = await deps.s3.send(
        new PutObjectCommand({ Bucket: props.Bucket, Key: props.Key, Body: pem, ContentType: 'application/x-pem-file' }),
      );
      if (!put.VersionId) throw new Error(`Bucket ${props.Bucket} is not versioned: API Gateway needs the truststore's version.`);
      const crl = await signCrl({ certificate, signer }, [], now);
      await deps.respond(
        event.ResponseURL,
        JSON.stringify({
          ...base,
          Status: 'SUCCESS',
          PhysicalResourceId: put.VersionId,
          Data: { CertificatePem: pem, TruststoreVersion: put.VersionId, CrlDer: Buffer.from(crl.rawData).toString('base64') },
        }),
      );
    } catch (error) {
      const physical = event.RequestType === 'Create' ? 'failed' : event.PhysicalResourceId;
      const reason = error instanceof Error ? error.message : String(error);
      await deps.respond(
        event.ResponseURL,
        JSON.stringify({ ...base, Status: 'FAILED', Reason: reason.slice(0, 500), PhysicalResourceId: physical }),
      );
    }
  };
}
