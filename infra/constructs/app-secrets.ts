import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_CURRENT_KEY } from '../../functions/feedback/origin-verify.js';

/** Properties of {@link AppSecrets}. */
export interface AppSecretsProps {
  readonly removalPolicy: RemovalPolicy;
}

const RANDOM = { passwordLength: 64, excludePunctuation: true, includeSpace: false } as const;

/**
 * The feedback secrets in Secrets Manager, generated at deploy time, so they never appear in code
 * or in the template: one JSON secret `{ receiptKey }` — the salt of hashed client addresses is
 * derived from it by the function (`functions/shared/load-secrets.ts`) unless an explicit
 * `ipSalt` is added to the secret (which rotates the salt alone) — and the origin-verify secret
 * `{ current }` that CloudFront sends to the API and the feedback function checks
 * (docs/adr/0004-origin-verification-header.md). They are separate because CloudFront needs the
 * second one at deploy time (a dynamic reference resolves one JSON key) and because they rotate
 * on their own schedules.
 */
export class AppSecrets extends Construct {
  /** The JSON secret the feedback function reads (`MIRANTE_SECRETS_ARN`). */
  readonly secret: Secret;
  /**
   * The origin-verify secret `{ current, previous? }`: CloudFront sends `current` in
   * `X-Mirante-Origin-Verify` (PublicEdge), the feedback function reads the whole JSON
   * (`MIRANTE_ORIGIN_VERIFY_SECRET_ARN`) and believes `CloudFront-Viewer-Address` only then.
   */
  readonly originVerify: Secret;

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

    this.originVerify = new Secret(this, 'OriginVerify', {
      description:
        'Mirante origin verification: {current} is sent by CloudFront in X-Mirante-Origin-Verify (and optionally previous, while rotating)',
      generateSecretString: {
        ...RANDOM,
        generateStringKey: ORIGIN_VERIFY_CURRENT_KEY,
        secretStringTemplate: '{}',
      },
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.originVerify).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated by a rotation Lambda: CloudFront holds the value in its origin configuration, so a rotation needs a stack update of the distribution between two secret updates; the steps are in docs/operations.md.',
    });
  }
}
