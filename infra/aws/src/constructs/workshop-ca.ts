import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rolesanywhere from 'aws-cdk-lib/aws-rolesanywhere';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { KeylessFunction } from './keyless-function.ts';
import { KeylessTable } from './keyless-table.ts';

export interface WorkshopCaProps {
  readonly eventId: string;
}

/** The truststore object's key in its bucket. */
export const TRUSTSTORE_KEY = 'truststore.pem';

/**
 * The event's workshop CA, whose private key never leaves AWS: a KMS
 * asymmetric key (ECC_NIST_P256, SIGN_VERIFY) signs the CA's own
 * certificate (a custom resource, at deploy time), every attendee
 * certificate and every CRL. Around it:
 * - the mTLS truststore: a versioned bucket whose one object is the CA
 *   certificate (API Gateway pins the object version);
 * - the table of issued certificates (serial → slot, subject, revocation),
 *   which the revocation authorizer and the CRL read;
 * - one IAM Roles Anywhere trust anchor for the CA (50 per account and
 *   region at most: one per event) and its CRL, which the PKI replaces after
 *   each revocation.
 */
export class WorkshopCa extends Construct {
  readonly key: kms.Key;
  readonly truststore: s3.Bucket;
  readonly certificates: KeylessTable;
  readonly certificateResource: CustomResource;
  readonly trustAnchor: rolesanywhere.CfnTrustAnchor;
  readonly crl: rolesanywhere.CfnCRL;

  constructor(scope: Construct, id: string, props: WorkshopCaProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Keyless workshop CA signing key (${props.eventId})`,
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.truststore = new s3.Bucket(this, 'Truststore', {
      versioned: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.certificates = new KeylessTable(this, 'Certificates', { partitionKey: 'serial' });

    const issuer = new KeylessFunction(this, 'CertificateFunction', {
      entry: 'pki/ca-certificate-resource.entry.ts',
      timeout: Duration.seconds(60),
    });
    this.key.grant(issuer.role, 'kms:GetPublicKey', 'kms:Sign');
    this.truststore.grantPut(issuer.role, TRUSTSTORE_KEY);
    this.truststore.grantDelete(issuer.role, TRUSTSTORE_KEY);
    this.certificateResource = new CustomResource(this, 'Certificate', {
      serviceToken: issuer.function.functionArn,
      resourceType: 'Custom::WorkshopCaCertificate',
      properties: { KeyId: this.key.keyArn, EventId: props.eventId, Bucket: this.truststore.bucketName, Key: TRUSTSTORE_KEY },
    });
    // Invoked only once its permissions are attached.
    this.certificateResource.node.addDependency(issuer.role);

    this.trustAnchor = new rolesanywhere.CfnTrustAnchor(this, 'TrustAnchor', {
      name: `keyless-${props.eventId}`,
      enabled: true,
      source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: this.certificatePem } },
    });
    this.crl = new rolesanywhere.CfnCRL(this, 'Crl', {
      name: `keyless-${props.eventId}`,
      crlData: this.certificateResource.getAttString('CrlDer'),
      trustAnchorArn: this.trustAnchor.attrTrustAnchorArn,
      enabled: true,
    });
  }

  get certificatePem(): string {
    return this.certificateResource.getAttString('CertificatePem');
  }

  get truststoreUri(): string {
    return `s3://${this.truststore.bucketName}/${TRUSTSTORE_KEY}`;
  }

  get truststoreVersion(): string {
    return this.certificateResource.getAttString('TruststoreVersion');
  }
}
