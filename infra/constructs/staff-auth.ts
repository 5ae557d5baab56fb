import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The Cognito group whose members may call the staff routes (DESIGN.md, "Staff auth"). */
export const STAFF_GROUP = 'staff';

/** Properties of {@link StaffAuth}. */
export interface StaffAuthProps {
  readonly removalPolicy: RemovalPolicy;
  /** Protect the user pool from deletion (prod). */
  readonly deletionProtection: boolean;
}

/**
 * Staff identity on AWS: a Cognito user pool (administrators create the accounts; no self
 * sign-up), the `staff` group, an app client for staff tools, and the HTTP API JWT authorizer
 * that validates its tokens. The functions then require the `staff` group claim.
 */
export class StaffAuth extends Construct {
  /** Staff accounts (created by administrators). */
  readonly userPool: UserPool;
  /** App client of staff tools; the authorizer accepts its tokens only. */
  readonly client: UserPoolClient;
  /** Name of the group the functions require (`MIRANTE_STAFF_GROUP`). */
  readonly groupName: string = STAFF_GROUP;
  /** Validates staff JWTs on the staff routes. */
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection needs the Plus feature plan, billed per active user; the staff pool has no self sign-up and requires TOTP MFA and a strong password instead.',
    });
    this.userPool.addGroup('StaffGroup', {
      groupName: STAFF_GROUP,
      description: 'City staff allowed to submit metrics and offline feedback batches',
    });
    this.client = this.userPool.addClient('StaffClient', {
      authFlows: { userSrp: true, userPassword: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.authorizer = new HttpJwtAuthorizer('StaffJwt', issuer, {
      jwtAudience: [this.client.userPoolClientId],
    });
  }
}
