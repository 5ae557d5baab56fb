import { CustomResource, Duration } from 'aws-cdk-lib';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  ORIGIN_VERIFY_RESOURCE_TYPE,
  ORIGIN_VERIFY_VALUE_ATTRIBUTE,
  ORIGIN_VERIFY_VERSION_PROPERTY,
} from '../../functions/origin-verify-resource/answer-origin-verify-request.js';
import { MiranteFunction, type MiranteFunctionDefaults } from './mirante-function.js';

/** The variable telling the feedback function which origin-verify version CloudFront sends. */
export const ORIGIN_VERIFY_VERSION_ENV = 'MIRANTE_ORIGIN_VERIFY_VERSION';

/** Properties of {@link OriginVerifyValue}. */
export interface OriginVerifyValueProps {
  readonly defaults: MiranteFunctionDefaults;
  /** The one generated secret: its receipt key is the root the value is derived from. */
  readonly secret: ISecret;
  /** The stage's `originVerifyVersion`. */
  readonly version: number;
}

/**
 * The value CloudFront sends in `X-Mirante-Origin-Verify`, derived at deploy time from the receipt
 * key for the stage's version (functions/feedback/origin-verify-value.ts), without a secret of its
 * own: a Lambda-backed custom resource (`Custom::MiranteOriginVerify`, its function may read that
 * one secret and nothing else) answers Create and Update with the value as a `NoEcho` attribute,
 * and Delete with nothing. The template holds only `Fn::GetAtt`, never the value. The resource
 * runs again only when the version changes: a rotation is a deploy with the next version.
 */
export class OriginVerifyValue extends Construct {
  /** The version CloudFront's value is derived for. */
  readonly version: number;
  /** The custom resource's function (deployment time only: no alarm, see `errorAlarm`). */
  readonly provider: MiranteFunction;
  /** The custom resource. */
  readonly resource: CustomResource;
  /** The derived value, as a token (`Fn::GetAtt` of the resource's `Value`). */
  readonly value: string;

  constructor(scope: Construct, id: string, props: OriginVerifyValueProps) {
    super(scope, id);
    this.version = props.version;
    this.provider = new MiranteFunction(this, 'Provider', {
      defaults: props.defaults,
      entry: 'functions/origin-verify-resource/handler.ts',
      description: 'Mirante deployment: derives the origin-verify value CloudFront sends',
      memorySize: 256,
      // Three attempts at delivering the response, ten seconds each at most, with pauses.
      timeout: Duration.minutes(1),
      errorAlarm: false,
    });
    // The root key, and nothing else (MIRANTE_SECRETS_ARN).
    this.provider.useSecret(props.secret);
    this.resource = new CustomResource(this, 'Value', {
      serviceToken: this.provider.function.functionArn,
      resourceType: ORIGIN_VERIFY_RESOURCE_TYPE,
      properties: { [ORIGIN_VERIFY_VERSION_PROPERTY]: String(props.version) },
      // A response that never arrives fails the deploy after minutes, not CloudFormation's hour.
      serviceTimeout: Duration.minutes(5),
    });
    this.value = this.resource.getAttString(ORIGIN_VERIFY_VALUE_ATTRIBUTE);
  }

  /**
   * Makes a function accept this version's value and the one before it: sets
   * `MIRANTE_ORIGIN_VERIFY_VERSION`, from which the function derives both with the receipt key it
   * reads anyway (no further secret, no further call).
   */
  acceptIn(fn: MiranteFunction): void {
    fn.addEnvironment(ORIGIN_VERIFY_VERSION_ENV, String(this.version));
  }
}
