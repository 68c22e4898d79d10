import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface WorkshopUserPoolProps {
  /** Prefix of the pool's Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`): globally unique, so the event id is in it. */
  readonly domainPrefix: string;
}

/**
 * The event's one user pool (per account: 1,000 pools and 4 prefix domains
 * per pool at most, and CreateUserPool is throttled, so one pool for the
 * room), its resource server `orders` with scopes `read` and `write`, and a
 * prefix domain whose /oauth2/token serves the client credentials grant.
 * Nobody signs in: attendees create their own machine-to-machine app
 * clients (named `<slot>-…`). Self sign-up is off; the password policy and
 * MFA apply only if an administrator ever adds a user.
 */
export class WorkshopUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly domain: cognito.UserPoolDomain;
  readonly readScope: cognito.OAuthScope;
  readonly writeScope: cognito.OAuthScope;

  constructor(scope: Construct, id: string, props: WorkshopUserPoolProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: cognito.AccountRecovery.NONE,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'List orders' });
    const write = new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Create orders' });
    this.resourceServer = this.userPool.addResourceServer('Orders', {
      identifier: 'orders',
      userPoolResourceServerName: 'Orders API',
      scopes: [read, write],
    });
    this.readScope = cognito.OAuthScope.resourceServer(this.resourceServer, read);
    this.writeScope = cognito.OAuthScope.resourceServer(this.resourceServer, write);
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }

  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`: the `iss` of the pool's tokens. */
  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  get tokenUrl(): string {
    return `${this.domain.baseUrl()}/oauth2/token`;
  }

  get jwksUri(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }
}
