/**
 * Builds the two stacks of the CDK app (used by infra/app.ts and the infra tests).
 * Environment-agnostic stacks: no account/region lookups, so synth works offline;
 * the region comes from the AWS profile at deploy time.
 */
import { App, Tags } from 'aws-cdk-lib';
import * as z from 'zod';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';
import { STATEFUL_STACK_NAME, STATELESS_STACK_NAME } from './stack-names.js';
import { SyncEnvSchema } from '../functions/sync/sync-config.js';
import { RelayEnvSchema } from '../functions/relay/relay-config.js';

/**
 * Deploy-time settings, from the environment of `cdk deploy`, validated with the same
 * schemas the functions use at run time (so a bad value fails here, not at 3 a.m.).
 */
const InfraEnvSchema = SyncEnvSchema.pick({ SYNC_INTERVAL_MINUTES: true, AIRTABLE_BASE_ID: true, GOOGLE_SHEETS_ID: true }).extend({
  PUBLIC_BASE_URL: z.url().optional(),
  /** The network's Facebook Page id: set it to deploy the events relay. */
  FACEBOOK_PAGE_ID: RelayEnvSchema.shape.FACEBOOK_PAGE_ID.optional(),
  /** Sender address of the monthly freshness e-mails (a verified SES identity). */
  SES_FROM: z.email().optional(),
});

/** `env`: the deploy-time settings; `app`: lets tests pass context (e.g. to skip bundling). */
export function createInfraApp(env: NodeJS.ProcessEnv = process.env, app = new App()): { app: App; stateful: StatefulStack; stateless: StatelessStack } {
  const parsed = InfraEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error('Invalid deploy settings: ' + parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const cfg = parsed.data;
  const stateful = new StatefulStack(app, STATEFUL_STACK_NAME, { description: 'Réseau des tiers-lieux : table et secrets (conservés)' });
  const stateless = new StatelessStack(app, STATELESS_STACK_NAME, {
    description: 'Réseau des tiers-lieux : API, CDN, fonctions',
    table: stateful.table,
    adminTokenSecret: stateful.adminTokenSecret,
    integrationsSecret: stateful.integrationsSecret,
    facebookPageTokenSecret: stateful.facebookPageTokenSecret,
    kitBucket: stateful.kitBucket,
    artifactsBucket: stateful.artifactsBucket,
    facebookPageId: cfg.FACEBOOK_PAGE_ID,
    publicBaseUrl: cfg.PUBLIC_BASE_URL,
    syncIntervalMinutes: cfg.SYNC_INTERVAL_MINUTES,
    syncSettings: { AIRTABLE_BASE_ID: cfg.AIRTABLE_BASE_ID, GOOGLE_SHEETS_ID: cfg.GOOGLE_SHEETS_ID },
    sesFrom: cfg.SES_FROM,
  });
  Tags.of(app).add('project', 'tiers-lieux-reseau');
  return { app, stateful, stateless };
}

