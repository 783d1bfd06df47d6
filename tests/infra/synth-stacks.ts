/**
 * One synth of the CDK app for the infra tests. Bundling is skipped (the
 * `aws:cdk:bundling-stacks` context set to []): the templates are the same except the
 * code asset hash; `npm run synth` and `npm run build` exercise the real esbuild bundling.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createInfraApp } from '../../infra/create-stacks.js';

export function synthStacks(env: NodeJS.ProcessEnv = {}) {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
  // The built-in CloudFormation validation (a WebAssembly linter, ~10 s per synth) runs in
  // `npm run synth`; the assertions below check what matters here.
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const { stateful, stateless } = createInfraApp(env, app);
  return { stateful: Template.fromStack(stateful), stateless: Template.fromStack(stateless), stacks: { stateful, stateless } };
}
