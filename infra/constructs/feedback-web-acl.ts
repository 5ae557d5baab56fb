import { Aws, CfnRule, Fn, Stack } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CLOUDFRONT_REGION } from '../stage-config.js';

/** Properties of {@link FeedbackWebAcl}. */
export interface FeedbackWebAclProps {
  /** Largest number of rating POSTs one address may send in 5 minutes. */
  readonly rateLimit: number;
}

/** The paths whose POSTs store a rating (JSON API and the no-JavaScript form). */
export const RATING_POST_PATHS = ['/v1/feedback', '/avaliar'] as const;

const exactly = (field: CfnWebACL.FieldToMatchProperty, value: string, how: string) => ({
  byteMatchStatement: {
    fieldToMatch: field,
    positionalConstraint: how,
    searchString: value,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * An AWS WAF web ACL for the CloudFront distribution (optional, off by default: about $6 a
 * month). One rate-based rule blocks an address that POSTs more than `rateLimit` ratings in
 * 5 minutes with a 429, before any function runs; the feedback function's own per-client
 * limits stay the finer filter. Sampled requests are off (they would store client addresses).
 * A CLOUDFRONT-scope web ACL can only be created in us-east-1: the template asserts the region,
 * so a deployment elsewhere fails before creating anything (use `wafWebAclArn` there).
 */
export class FeedbackWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: FeedbackWebAclProps) {
    super(scope, id);
    const metricPrefix = Stack.of(this).stackName.replace(/[^A-Za-z0-9]/g, '');
    new CfnRule(this, 'RegionIsUsEast1', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.REGION, CLOUDFRONT_REGION),
          assertDescription: `waf=true creates a CLOUDFRONT-scope web ACL, which AWS only allows in ${CLOUDFRONT_REGION}. Deploy this stack to ${CLOUDFRONT_REGION}, or create the web ACL there and pass -c wafWebAclArn=<its ARN> (docs/operations.md).`,
        },
      ],
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Mirante: rate limit on rating submissions',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `${metricPrefix}WebAcl`,
        sampledRequestsEnabled: false,
      },
      rules: [
        {
          name: 'rating-posts-per-address',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                responseHeaders: [{ name: 'retry-after', value: '300' }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: props.rateLimit,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    exactly({ method: {} }, 'POST', 'EXACTLY'),
                    {
                      orStatement: {
                        statements: RATING_POST_PATHS.map((p) =>
                          exactly({ uriPath: {} }, p, 'STARTS_WITH'),
                        ),
                      },
                    },
                  ],
                },
              },
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: `${metricPrefix}RatingRate`,
            sampledRequestsEnabled: false,
          },
        },
      ],
    });
  }

  /** The web ACL's ARN, as CloudFront's `webAclId` takes it. */
  get arn(): string {
    return this.webAcl.attrArn;
  }
}
