import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { synthStacks } from './synth-stacks.js';
import { createInfraApp } from '../../infra/create-stacks.js';

let template: Template;
let stacks: ReturnType<typeof synthStacks>['stacks'];
beforeAll(() => {
  ({ stateless: template, stacks } = synthStacks());
});

/** The logical id the stateful stack gives to a construct (to match cross-stack imports). */
function statefulId(which: 'table' | 'adminTokenSecret') {
  return stacks.stateful.getLogicalId(stacks.stateful[which].node.defaultChild as CfnElement);
}

function apiFunction() {
  const fns = template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('API HTTP') } });
  expect(Object.keys(fns)).toHaveLength(1);
  return Object.entries(fns)[0]! as [string, { Properties: Record<string, any> }];
}

function policyStatementsOf(functionId: string) {
  const fn = template.toJSON().Resources[functionId];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement as any[]);
}

describe('stateless stack: the API function', () => {
  it('runs on arm64 with the Node.js 22 runtime, ESM handler, source maps enabled and a capped young generation', () => {
    const [, fn] = apiFunction();

    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.Runtime).toBe('nodejs22.x');
    expect(fn.Properties.Handler).toBe('index.handler');
    // Source maps, and a young generation small enough that loading the directory index stays well under the memory size.
    expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps --max-semi-space-size=4');
    expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(256);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(29); // under the HTTP API integration limit
  });

  it('gets TABLE_NAME, ADMIN_TOKEN_SECRET_ARN and PUBLIC_BASE_URL (the CDN address) in its environment', () => {
    const [, fn] = apiFunction();
    const env = fn.Properties.Environment.Variables;

    expect(env.TABLE_NAME['Fn::ImportValue']).toMatch(new RegExp(`Ref${statefulId('table')}`));
    expect(env.ADMIN_TOKEN_SECRET_ARN['Fn::ImportValue']).toMatch(new RegExp(`Ref${statefulId('adminTokenSecret')}`));
    expect(JSON.stringify(env.PUBLIC_BASE_URL)).toMatch(/CdnDistribution.*DomainName/);
  });

  it('may read and write the table and its indexes, and read the admin token secret', () => {
    const [id] = apiFunction();
    const statements = policyStatementsOf(id);
    const tableArnImport = new RegExp(`FnGetAtt${statefulId('table')}Arn`);

    const data = statements.find((s) => [s.Action].flat().includes('dynamodb:PutItem'));
    expect(data).toBeDefined();
    expect(data.Action).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']));
    expect(JSON.stringify(data.Resource)).toMatch(tableArnImport);
    expect(JSON.stringify(data.Resource)).toContain('/index/*');

    const secret = statements.find((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secret?.Resource['Fn::ImportValue']).toMatch(new RegExp(`Ref${statefulId('adminTokenSecret')}`));
  });

  it('keeps its logs one month in its own log group', () => {
    const [, fn] = apiFunction();
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;

    expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(30);
  });
});

describe('stateless stack: HTTP API and CDN', () => {
  it('throttles the default stage, which auto-deploys', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as any;
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit);
  });

  it('allows cross-origin public reads from any website, and no cross-origin write', () => {
    const api = Object.values(template.findResources('AWS::ApiGatewayV2::Api'))[0] as any;
    const cors = api.Properties.CorsConfiguration;

    expect(cors.AllowOrigins).toEqual(['*']);
    expect([...cors.AllowMethods].sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(cors.ExposeHeaders).toContain('ETag');
  });

  it('sends every path and method to the API function through one catch-all route', () => {
    const [fnId] = apiFunction();

    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] }, Principal: 'apigateway.amazonaws.com' });
  });

  it('puts CloudFront in front of the API for public reads only: GET/HEAD/OPTIONS, queries in the cache key, no Authorization', () => {
    const dist = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as any;
    const behavior = dist.Properties.DistributionConfig.DefaultCacheBehavior;
    const policyId = behavior.CachePolicyId.Ref;
    const policy = template.toJSON().Resources[policyId].Properties.CachePolicyConfig;

    expect([...behavior.AllowedMethods].sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(JSON.stringify(dist.Properties.DistributionConfig.Origins[0].DomainName)).toMatch(/HttpApi.*execute-api/);
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior).toBe('all');
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.HeaderBehavior).toBe('none');
    expect(policy.MinTTL).toBe(0); // Cache-Control: no-store / max-age=0 from the API is honoured
    expect(behavior.OriginRequestPolicyId).toBeUndefined(); // nothing else (no Authorization) reaches the API
  });

  it('outputs the API URL and the CDN URL', () => {
    const outputs = template.findOutputs('*');

    expect(JSON.stringify(outputs.ApiUrl?.Value)).toMatch(/execute-api/);
    expect(JSON.stringify(outputs.CdnUrl?.Value)).toMatch(/CdnDistribution.*DomainName/);
  });
});

describe('deploy settings', () => {
  it('refuses an invalid SYNC_INTERVAL_MINUTES with a clear message before building anything', () => {
    expect(() => createInfraApp({ SYNC_INTERVAL_MINUTES: 'souvent' })).toThrow(/SYNC_INTERVAL_MINUTES/);
  });
});
