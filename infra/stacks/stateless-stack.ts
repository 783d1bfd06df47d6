/**
 * Everything that can be replaced without losing data: the functions, the HTTP API,
 * the CDN in front of it, schedules and stream mappings. Adding a function is a few
 * lines: `new AppFunction(...)` then `bindTable` / `bindSecret`.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpRoute, HttpRouteKey, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AppFunction } from '../constructs/app-function.js';
import { PublicReadsCdn } from '../constructs/public-reads-cdn.js';

export interface StatelessStackProps extends StackProps {
  table: ITable;
  adminTokenSecret: ISecret;
  integrationsSecret: ISecret;
  /** Steady requests per second and burst allowed on the whole API (protects the bill). */
  throttle?: { rateLimit: number; burstLimit: number };
  /** Public address of the API; defaults to the CloudFront URL. */
  publicBaseUrl?: string;
  /** Period of the automatic spreadsheet sync (SYNC_INTERVAL_MINUTES). */
  syncIntervalMinutes?: number;
}

/** Matches the Hono app's own CORS rule: public reads from any website, no cross-origin writes. */
const PUBLIC_READ_CORS = {
  allowOrigins: ['*'],
  allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.HEAD, CorsHttpMethod.OPTIONS],
  allowHeaders: ['Content-Type', 'If-None-Match'],
  exposeHeaders: ['ETag'],
  maxAge: Duration.days(1),
};

export class StatelessStack extends Stack {
  readonly apiFunction: AppFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly cdn: PublicReadsCdn;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, adminTokenSecret, integrationsSecret } = props;

    // The CDN only needs the API's id to name its origin, so it is built first and its
    // URL can be given to the function as PUBLIC_BASE_URL without a dependency cycle.
    this.api = new HttpApi(this, 'HttpApi', { apiName: 'tiers-lieux-api', createDefaultStage: false, corsPreflight: PUBLIC_READ_CORS });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
    });
    this.cdn = new PublicReadsCdn(this, 'Cdn', { api: this.api });
    const publicBaseUrl = props.publicBaseUrl ?? this.cdn.url;

    this.apiFunction = new AppFunction(this, 'ApiFunction', {
      entry: 'functions/api/lambda.ts',
      description: 'API HTTP du réseau des tiers-lieux (Hono)',
      environment: { PUBLIC_BASE_URL: publicBaseUrl },
    })
      .bindTable({ table, accessMode: 'readWrite' })
      .bindSecret({ secret: adminTokenSecret, envName: 'ADMIN_TOKEN_SECRET_ARN' });
    // One catch-all `$default` route: Hono does the routing (and its 404s).
    new HttpRoute(this, 'DefaultRoute', { httpApi: this.api, routeKey: HttpRouteKey.DEFAULT, integration: new HttpLambdaIntegration('ApiIntegration', this.apiFunction) });

    // --- sync function (functions/sync/lambda.ts, scheduled every syncIntervalMinutes): not wired yet ---
    // --- relay function (functions/relay/lambda.ts, events outbox from the table stream): not wired yet ---
    void integrationsSecret;

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'API (écritures et lectures authentifiées)' });
    new CfnOutput(this, 'CdnUrl', { value: this.cdn.url, description: 'Lectures publiques en cache (widget, annuaire)' });
  }
}
