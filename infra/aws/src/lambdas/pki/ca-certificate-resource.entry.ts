/** Lambda entry point of the workshop CA's certificate (a CloudFormation custom resource). */
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { createCaCertificateResource } from './ca-certificate-resource.ts';

export const handler = createCaCertificateResource({
  kms: new KMSClient({}),
  s3: new S3Client({}),
  now: Date.now,
  respond: async (url, body) => {
    // CloudFormation's pre-signed S3 URL takes a PUT with no content type.
    const response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' } });
    if (!response.ok) throw new Error(`CloudFormation response PUT failed: ${response.status}`);
  },
});
