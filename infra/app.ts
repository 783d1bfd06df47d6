/** The CDK app entry (cdk.json: `npx tsx infra/app.ts`): `npx cdk synth`, `npx cdk deploy --all`. */
import { createInfraApp } from './create-stacks.js';

createInfraApp().app.synth();
