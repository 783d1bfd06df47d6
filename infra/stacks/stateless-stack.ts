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
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { KIT_FILES_PREFIX } from '../../functions/domain/kit/file-headers.js';
import { DIRECTORY_ARTIFACT_PREFIX, EXPORT_PREFIX } from '../../functions/domain/directory/object-keys.js';
import type { Construct } from 'constructs';
import { AppFunction } from '../constructs/app-function.js';
import { API_NODE_OPTIONS } from '../constructs/bundling-options.js';
import { PublicReadsCdn } from '../constructs/public-reads-cdn.js';
import { EventsRelay } from '../constructs/events-relay.js';
import { SpreadsheetSync } from '../constructs/spreadsheet-sync.js';
import { FreshnessDigest } from '../constructs/freshness-digest.js';
import { DecisionSchedule } from '../constructs/decision-schedule.js';
import { CheckinJobs } from '../constructs/checkin-jobs.js';

export interface StatelessStackProps extends StackProps {
  table: ITable;
  adminTokenSecret: ISecret;
  integrationsSecret: ISecret;
  facebookPageTokenSecret: ISecret;
  /** The kit's private file bucket (stateful stack); without it the kit has no file store. */
  kitBucket?: IBucket;
  /** Generated objects (stateful stack): the directory's index artifact, big exports. */
  artifactsBucket?: IBucket;
  /** The network's Facebook Page; without it the relay is not deployed. */
  facebookPageId?: string;
  /** Steady requests per second and burst allowed on the whole API (protects the bill). */
  throttle?: { rateLimit: number; burstLimit: number };
  /** Public address of the API; defaults to the CloudFront URL. */
  publicBaseUrl?: string;
  /** Period of the automatic spreadsheet sync (SYNC_INTERVAL_MINUTES, default 10). */
  syncIntervalMinutes?: number;
  /** Which spreadsheets to sync (plain ids; their secrets are in the integrations secret). */
  syncSettings?: { AIRTABLE_BASE_ID?: string; GOOGLE_SHEETS_ID?: string };
  /** Sender of the monthly freshness e-mails (SES_FROM); unset: no e-mail is sent. */
  sesFrom?: string;
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
  readonly relay?: EventsRelay;
  readonly sync: SpreadsheetSync;
  readonly freshness: FreshnessDigest;
  readonly decisions: DecisionSchedule;
  readonly checkinJobs: CheckinJobs;

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
    this.cdn = new PublicReadsCdn(this, 'Cdn', { api: this.api, kitBucket: props.kitBucket });
    const publicBaseUrl = props.publicBaseUrl ?? this.cdn.url;
    const syncIntervalMinutes = props.syncIntervalMinutes ?? 10;
    // The API runs sync rounds too (POST /v1/sync/*, signed hooks): same settings as the sync function.
    const syncEnvironment: Record<string, string> = { SYNC_INTERVAL_MINUTES: String(syncIntervalMinutes) };
    for (const [k, v] of Object.entries(props.syncSettings ?? {})) if (v) syncEnvironment[k] = v;

    this.apiFunction = new AppFunction(this, 'ApiFunction', {
      entry: 'functions/api/lambda.ts',
      description: 'API HTTP du réseau des tiers-lieux (Hono)',
      environment: { NODE_OPTIONS: API_NODE_OPTIONS, PUBLIC_BASE_URL: publicBaseUrl, ...syncEnvironment },
      // GET /widget.js serves a prebuilt widget.js next to index.mjs: scripts/build.ts writes it.
    })
      .bindTable({ table, accessMode: 'readWrite' })
      .bindSecret({ secret: adminTokenSecret, envName: 'ADMIN_TOKEN_SECRET_ARN' })
      .bindSecret({ secret: integrationsSecret, envName: 'INTEGRATION_SECRET_ARN' });
    if (props.kitBucket) this.apiFunction.bindKitBucket({ bucket: props.kitBucket, prefix: KIT_FILES_PREFIX });
    if (props.artifactsBucket) this.apiFunction.bindArtifactsBucket({ bucket: props.artifactsBucket, prefixes: [DIRECTORY_ARTIFACT_PREFIX, EXPORT_PREFIX] });
    // One catch-all `$default` route: Hono does the routing (and its 404s).
    new HttpRoute(this, 'DefaultRoute', { httpApi: this.api, routeKey: HttpRouteKey.DEFAULT, integration: new HttpLambdaIntegration('ApiIntegration', this.apiFunction) });

    this.sync = new SpreadsheetSync(this, 'SpreadsheetSync', {
      table,
      integrationsSecret,
      intervalMinutes: syncIntervalMinutes,
      environment: syncEnvironment,
    });
    this.freshness = new FreshnessDigest(this, 'FreshnessDigest', { table, publicBaseUrl, sesFrom: props.sesFrom });
    this.decisions = new DecisionSchedule(this, 'DecisionSchedule', { table, intervalMinutes: 5 });
    this.checkinJobs = new CheckinJobs(this, 'CheckinJobs', { table });
    if (props.facebookPageId) {
      this.relay = new EventsRelay(this, 'FacebookRelay', {
        table,
        pageTokenSecret: props.facebookPageTokenSecret,
        facebookPageId: props.facebookPageId,
        publicBaseUrl,
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'API (écritures et lectures authentifiées)' });
    new CfnOutput(this, 'CdnUrl', { value: this.cdn.url, description: 'Lectures publiques en cache (widget, annuaire)' });
  }
}
