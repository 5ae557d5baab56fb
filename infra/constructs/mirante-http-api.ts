import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  type HttpMethod,
  type HttpRoute,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { MiranteFunction } from './mirante-function.js';
import type { StaffAuth } from './staff-auth.js';

/** One route: a method and an HTTP API path (`{name}` and `{proxy+}` parameters). */
export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
}

/** Properties of {@link MiranteHttpApi}. */
export interface MiranteHttpApiProps {
  /** Origins allowed by CORS (`*` for any). */
  readonly allowedOrigins: readonly string[];
  /** Steady-state requests per second across the stage. */
  readonly rateLimit: number;
  /** Burst of requests across the stage. */
  readonly burstLimit: number;
  /** Validates the staff routes' tokens. */
  readonly staffAuth: StaffAuth;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * Access log line of every request. Deliberately without `$context.identity.sourceIp` and the
 * user agent: Mirante stores no client IP anywhere (DESIGN.md, "Privacy before publication").
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

/**
 * The public HTTP API (payload v2): one `$default` stage with throttling and access logs, CORS,
 * and two ways to add routes: public ones and staff ones behind the JWT authorizer. Each
 * function gets one Lambda integration however many routes it serves.
 */
export class MiranteHttpApi extends Construct {
  /** The HTTP API. */
  readonly api: HttpApi;
  /** Its `$default` stage (throttled, access-logged). */
  readonly stage: HttpStage;
  /** The stage's access logs (no client addresses). */
  readonly accessLogs: LogGroup;
  private readonly staffAuth: StaffAuth;
  private readonly integrations = new Map<MiranteFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: MiranteHttpApiProps) {
    super(scope, id);
    this.staffAuth = props.staffAuth;
    this.api = new HttpApi(this, 'Api', {
      description: 'Mirante: indicators, feedback and staff ingest',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.HEAD,
          CorsHttpMethod.POST,
          CorsHttpMethod.DELETE,
        ],
        allowHeaders: [
          'accept',
          'accept-language',
          'authorization',
          'content-type',
          'idempotency-key',
          'if-none-match',
          'if-modified-since',
          'x-request-id',
        ],
        exposeHeaders: ['location', 'etag', 'retry-after', 'x-request-id', 'content-disposition'],
      },
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** Base URL of the API's `$default` stage, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }

  /** Routes anyone may call (the function itself validates and rate-limits). */
  addPublicRoutes(fn: MiranteFunction, routes: readonly RouteSpec[]): HttpRoute[] {
    return routes.flatMap((route) => {
      const added = this.addRoute(fn, route, false);
      Validations.of(added).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public on purpose: published indicators are open data, and citizens rate services without an account (DESIGN.md, "Interfaces").`,
      });
      return [added];
    });
  }

  /**
   * Routes only staff may call: API Gateway validates the Cognito JWT, and the function (told
   * the group name in `MIRANTE_STAFF_GROUP`) requires the staff group claim.
   */
  addStaffRoutes(fn: MiranteFunction, routes: readonly RouteSpec[]): HttpRoute[] {
    fn.addEnvironment('MIRANTE_STAFF_GROUP', this.staffAuth.groupName);
    return routes.map((route) => this.addRoute(fn, route, true));
  }

  private addRoute(fn: MiranteFunction, route: RouteSpec, staff: boolean): HttpRoute {
    const [added] = this.api.addRoutes({
      path: route.path,
      methods: [route.method],
      integration: this.integrationFor(fn),
      authorizer: staff ? this.staffAuth.authorizer : undefined,
    });
    return added!;
  }

  private integrationFor(fn: MiranteFunction): HttpLambdaIntegration {
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function);
      this.integrations.set(fn, integration);
    }
    return integration;
  }
}
