import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { WorkshopCa } from './workshop-ca.ts';
import { testApp } from '../test-support/test-app.ts';

describe('WorkshopCa', () => {
  const stack = new Stack(testApp(), 'Test');
  new WorkshopCa(stack, 'Ca', { eventId: 'reinvent' });
  const template = Template.fromStack(stack);

  it('keeps the CA key in KMS: an asymmetric P-256 signing key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  });

  it('the certificate resource may only read the public key and sign with it, and write the truststore object', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:GetPublicKey', 'kms:Sign'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('CaKey'), 'Arn'] },
          }),
        ]),
      },
    });
    template.hasResourceProperties('Custom::WorkshopCaCertificate', { EventId: 'reinvent', Key: 'truststore.pem' });
  });

  it('the truststore bucket is versioned, private and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('one Roles Anywhere trust anchor over the CA certificate, and its CRL', () => {
    template.resourceCountIs('AWS::RolesAnywhere::TrustAnchor', 1);
    template.hasResourceProperties('AWS::RolesAnywhere::TrustAnchor', {
      Enabled: true,
      Source: {
        SourceType: 'CERTIFICATE_BUNDLE',
        SourceData: { X509CertificateData: { 'Fn::GetAtt': [Match.stringLikeRegexp('CaCertificate'), 'CertificatePem'] } },
      },
    });
    template.hasResourceProperties('AWS::RolesAnywhere::CRL', {
      TrustAnchorArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('CaTrustAnchor'), 'TrustAnchorArn'] },
    });
  });

  it('the certificates table is keyed by serial', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { KeySchema: [{ AttributeName: 'serial', KeyType: 'HASH' }] });
  });
});
