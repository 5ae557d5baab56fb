import { Aws, Duration, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { VIEWER_ADDRESS_HEADER } from '../../functions/feedback/client-address.js';
import { ORIGIN_VERIFY_HEADER } from '../../functions/feedback/origin-verify.js';
import type { CustomDomain } from '../stage-config.js';

/** Properties of {@link PublicEdge}. */
export interface PublicEdgeProps {
  readonly httpApi: IHttpApi;
  readonly customDomain: CustomDomain | undefined;
  /** ARN of the CLOUDFRONT web ACL protecting the distribution, if any. */
  readonly webAclArn: string | undefined;
  /**
   * The origin-verify value (a token: `OriginVerifyValue.value`, derived from the receipt key at
   * deploy time): CloudFront sends it in `X-Mirante-Origin-Verify` on every request to the API,
   * so the feedback function can tell CloudFront's requests from direct calls to the HTTP API.
   */
  readonly originVerifyValue: string;
}

/**
 * Path patterns of the cache behaviours, in CloudFront's order (first match wins; anything else
 * takes the default behaviour, which caches GET reads). Ratings and the rating page go to the
 * feedback routes with the viewer's address; staff routes carry their bearer token; neither is
 * cached.
 */
export const EDGE_PATHS = {
  /** POST/DELETE of ratings and staff batches: viewer address and Authorization forwarded. */
  ratings: '/v1/feedback*',
  /** The rating page: every GET carries a fresh idempotency key, the form POSTs a rating. */
  ratingPage: '/avaliar*',
  /** Staff metric ingest: Authorization forwarded. */
  staff: '/v1/metrics*',
  /** Health checks must reach the origin. */
  health: '/healthz',
} as const;

/** Re-exported for the infra tests: the header the feedback routes read the viewer's address from. */
export { VIEWER_ADDRESS_HEADER };

/** Request headers the cached reads vary on (besides the whole query string). */
export const READ_CACHE_HEADERS = ['Accept', 'Accept-Language', 'Origin'] as const;

/** Headers of a CORS preflight (`OPTIONS`), which API Gateway answers; never cached. */
export const PREFLIGHT_HEADERS = [
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
] as const;

/** Viewer headers the write routes need at the origin (Authorization goes by the cache policy). */
export const WRITE_HEADERS = [
  'Accept',
  'Accept-Language',
  'Content-Type',
  'Idempotency-Key',
  'Origin',
  ...PREFLIGHT_HEADERS,
] as const;

/**
 * CloudFront in front of the HTTP API: GET reads (indicators, charts, catalogues, the portal,
 * docs and assets) are cached as the API's `Cache-Control` says, keyed on the query string,
 * `Accept`, `Accept-Language` and `Origin` (CORS answers differ by origin); writes, the rating
 * page, staff routes and the health check are never cached. The feedback routes receive the
 * viewer's address in `CloudFront-Viewer-Address` for their per-client limits, and every origin
 * request carries the origin-verify value (`X-Mirante-Origin-Verify`) that makes that address
 * believed. No access logs: CloudFront's logs would record every viewer's IP address. Optional
 * custom domain (certificate from us-east-1) and web ACL.
 */
export class PublicEdge extends Construct {
  readonly distribution: Distribution;
  /** Cached reads: query string, Accept, Accept-Language, Origin; the origin's max-age up to a day. */
  readonly readCache: CachePolicy;
  /**
   * Uncached requests that carry `Authorization` (CloudFront forwards it only through a cache
   * policy): TTL 0 unless the origin allows caching, and then at most 1 s, keyed on the token.
   */
  readonly authorizedPassThrough: CachePolicy;
  /** Origin request of the cached reads: the preflight headers (the cache key has the rest). */
  readonly readOrigin: OriginRequestPolicy;
  /** Origin request of the rating routes: the write headers plus the viewer's address. */
  readonly ratingOrigin: OriginRequestPolicy;
  /** Origin request of the staff routes: the write headers. */
  readonly staffOrigin: OriginRequestPolicy;
  /** The public base URL (`https://<custom domain or distribution domain>`), no trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicEdgeProps) {
    super(scope, id);
    const origin = new HttpOrigin(
      `${props.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        readTimeout: Duration.seconds(30),
        // Proves to the feedback function that a request came through CloudFront (only then is
        // CloudFront-Viewer-Address believed). Viewers can't set it: no origin request policy
        // forwards a viewer's header of that name.
        customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerifyValue },
      },
    );

    this.readCache = new CachePolicy(this, 'ReadCache', {
      comment:
        'Mirante reads: cached as the API says, by query string, Accept, Accept-Language, Origin',
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList(...READ_CACHE_HEADERS),
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.authorizedPassThrough = new CachePolicy(this, 'AuthorizedPassThrough', {
      comment: 'Mirante writes and staff routes: not cached; forwards Authorization',
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
    });
    this.readOrigin = new OriginRequestPolicy(this, 'ReadOrigin', {
      comment: 'Mirante reads: CORS preflight headers',
      headerBehavior: OriginRequestHeaderBehavior.allowList(...PREFLIGHT_HEADERS),
      queryStringBehavior: OriginRequestQueryStringBehavior.none(),
    });
    this.ratingOrigin = new OriginRequestPolicy(this, 'RatingOrigin', {
      comment: 'Mirante rating routes: write headers and the viewer address',
      headerBehavior: OriginRequestHeaderBehavior.allowList(
        ...WRITE_HEADERS,
        VIEWER_ADDRESS_HEADER,
      ),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
    });
    this.staffOrigin = new OriginRequestPolicy(this, 'StaffOrigin', {
      comment: 'Mirante staff routes: write headers',
      headerBehavior: OriginRequestHeaderBehavior.allowList(...WRITE_HEADERS),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
    });
    const responseHeaders = new ResponseHeadersPolicy(this, 'ResponseHeaders', {
      comment: 'Mirante: HSTS and nosniff on every response',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: false,
          override: true,
        },
        contentTypeOptions: { override: false },
      },
    });

    const write = (
      cachePolicy: CachePolicy | typeof CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy,
    ): BehaviorOptions => ({
      origin,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      originRequestPolicy,
      responseHeadersPolicy: responseHeaders,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      compress: true,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Mirante: portal, public API and feedback',
      defaultBehavior: {
        origin,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy: this.readCache,
        originRequestPolicy: this.readOrigin,
        responseHeadersPolicy: responseHeaders,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
      },
      additionalBehaviors: {
        [EDGE_PATHS.ratings]: write(this.authorizedPassThrough, this.ratingOrigin),
        [EDGE_PATHS.ratingPage]: {
          ...write(CachePolicy.CACHING_DISABLED, this.ratingOrigin),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        },
        [EDGE_PATHS.staff]: write(this.authorizedPassThrough, this.staffOrigin),
        [EDGE_PATHS.health]: {
          origin,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: responseHeaders,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        },
      },
      // South America's edge locations are only in the "all" price class.
      priceClass: PriceClass.PRICE_CLASS_ALL,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      enableLogging: false,
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              props.customDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      webAclId: props.webAclArn,
    });
    this.url = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;
    this.acknowledge(props);
  }

  private acknowledge(props: PublicEdgeProps): void {
    const on = Validations.of(this.distribution);
    on.acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'CloudFront access logs would record every viewer IP address, which Mirante never stores (docs/privacy.md); the HTTP API access logs record each request without it.',
    });
    on.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: citizens may rate a city service from anywhere, and published indicators are open data for everyone.',
    });
    if (!props.webAclArn) {
      on.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'AWS WAF is optional (-c waf=true, about $6 a month, us-east-1 only): the feedback function rate-limits each client and the HTTP API stage is throttled.',
      });
    }
    if (!props.customDomain) {
      on.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose security policy CloudFront fixes; with -c domainName the policy is TLSv1.2_2021.',
      });
    }
  }
}
