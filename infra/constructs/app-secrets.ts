import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Properties of {@link AppSecrets}. */
export interface AppSecretsProps {
  readonly removalPolicy: RemovalPolicy;
}

const RANDOM = { passwordLength: 64, excludePunctuation: true, includeSpace: false } as const;

/**
 * The feedback secrets in Secrets Manager: one JSON secret `{ receiptKey }` generated at deploy
 * time, so it never appears in code or in the template. The salt of hashed client addresses is
 * derived from it by the function (`functions/shared/load-secrets.ts`) unless an explicit
 * `ipSalt` is added to the secret (which rotates the salt alone), and so is the value CloudFront
 * sends in `X-Mirante-Origin-Verify`, per version (`OriginVerifyValue`, ADR 0004): one secret,
 * $0.40 a month, one read at the feedback function's cold start.
 */
export class AppSecrets extends Construct {
  /**
   * The JSON secret the feedback function and the origin-verify custom resource read
   * (`MIRANTE_SECRETS_ARN`).
   */
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    this.secret = new Secret(this, 'FeedbackSecrets', {
      description: 'Mirante feedback secrets: {receiptKey} (and optionally ipSalt)',
      generateSecretString: {
        ...RANDOM,
        generateStringKey: 'receiptKey',
        secretStringTemplate: '{}',
      },
      removalPolicy: props.removalPolicy,
    });
    const noRotation =
      'Not rotated automatically: rotating the receipt key would invalidate the erasure receipts citizens hold, and rotating the IP salt resets the rate limits; both are rotated by hand as documented.';
    Validations.of(this.secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: noRotation });
  }
}
