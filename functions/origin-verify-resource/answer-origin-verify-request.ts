import type {
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceResponse,
} from 'aws-lambda';
import {
  OriginVerifyVersionError,
  originVerifyValue,
  parseOriginVerifyVersion,
} from '../feedback/origin-verify-value.js';
import type { Logger } from '../shared/logger.js';
import { type PutOptions, putCustomResourceResponse } from './put-custom-resource-response.js';

/** The CloudFormation type of the custom resource (infra/constructs/origin-verify-value.ts). */
export const ORIGIN_VERIFY_RESOURCE_TYPE = 'Custom::MiranteOriginVerify';

/** The resource property holding the version to derive (the stage's `originVerifyVersion`). */
export const ORIGIN_VERIFY_VERSION_PROPERTY = 'Version';

/** The attribute (`Fn::GetAtt`) carrying the derived value, masked by `NoEcho`. */
export const ORIGIN_VERIFY_VALUE_ATTRIBUTE = 'Value';

/** Longest `Reason` sent (the whole response must stay under CloudFormation's 4,096 bytes). */
const MAX_REASON = 500;

/** What {@link answerOriginVerifyRequest} needs. */
export interface OriginVerifyRequestDeps {
  /** Reads the root key (the receipt key of the one generated secret). */
  readonly readRoot: () => Promise<string>;
  readonly logger: Logger;
  /** How the response is delivered (default: PUT to the pre-signed URL, with retries). */
  readonly put?: PutOptions;
}

/**
 * Answers one CloudFormation request of the origin-verify custom resource, always with a PUT of
 * the response to its `ResponseURL`: Create and Update derive the value for the `Version`
 * property from the root key and return it as the `Value` attribute with `NoEcho` (masked
 * wherever CloudFormation shows resource data); Delete is a no-op (nothing was created) and
 * reads nothing. Any failure answers FAILED with a reason that never carries the value or the
 * root. Throws only when the response could not be delivered at all.
 */
export async function answerOriginVerifyRequest(
  event: CloudFormationCustomResourceEvent,
  deps: OriginVerifyRequestDeps,
): Promise<void> {
  const response = await responseTo(event, deps);
  await putCustomResourceResponse(event.ResponseURL, JSON.stringify(response), deps.put);
}

async function responseTo(
  event: CloudFormationCustomResourceEvent,
  deps: OriginVerifyRequestDeps,
): Promise<CloudFormationCustomResourceResponse> {
  const common = {
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    // Stable for the resource's life: an Update keeps it, so it is never "replaced".
    PhysicalResourceId:
      event.RequestType === 'Create'
        ? `mirante-origin-verify-${event.LogicalResourceId}`
        : event.PhysicalResourceId,
  };
  if (event.RequestType === 'Delete') {
    deps.logger.info('origin-verify resource deleted (nothing to remove)');
    return { ...common, Status: 'SUCCESS' };
  }
  try {
    const version = parseOriginVerifyVersion(
      event.ResourceProperties[ORIGIN_VERIFY_VERSION_PROPERTY] as string | undefined,
    );
    const value = originVerifyValue(await deps.readRoot(), version);
    deps.logger.info('origin-verify value derived', { requestType: event.RequestType, version });
    return {
      ...common,
      Status: 'SUCCESS',
      NoEcho: true,
      Data: { [ORIGIN_VERIFY_VALUE_ATTRIBUTE]: value },
    };
  } catch (error) {
    const reason = `could not derive the origin-verify value: ${describe(error)}`.slice(
      0,
      MAX_REASON,
    );
    deps.logger.error('origin-verify request failed', { requestType: event.RequestType, reason });
    return { ...common, Status: 'FAILED', Reason: reason };
  }
}

/**
 * What went wrong, safe to show in CloudFormation's events: the error's name and message, except
 * the message of a `SyntaxError` (JSON.parse quotes the text it failed on: the secret's).
 */
function describe(error: unknown): string {
  if (error instanceof OriginVerifyVersionError) return error.message;
  if (error instanceof SyntaxError) return 'the root secret is not valid JSON (SyntaxError)';
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return 'unknown error';
}
