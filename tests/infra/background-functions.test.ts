import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { synthStacks } from './synth-stacks.js';

type Resource = { Properties: Record<string, any> };

function byDescription(template: Template, text: RegExp): [string, Resource] {
  const found = Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter(([, r]) => text.test(r.Properties.Description ?? ''));
  expect(found, `one function described ${text}`).toHaveLength(1);
  return found[0]!;
}

function statementsOf(template: Template, functionId: string): any[] {
  const roleId = template.toJSON().Resources[functionId].Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

const allows = (statements: any[], action: string, resource: RegExp) =>
  statements.some((s) => [s.Action].flat().includes(action) && resource.test(JSON.stringify(s.Resource)));

describe('spreadsheet sync', () => {
  let template: Template;
  beforeAll(() => {
    template = synthStacks({ SYNC_INTERVAL_MINUTES: '15', AIRTABLE_BASE_ID: 'appAbCdEf123' }).stateless;
  });

  it('runs functions/sync on arm64 / Node.js 22 with the table, the integrations secret and the base id', () => {
    const [id, fn] = byDescription(template, /Synchronisation des tableurs/);
    const env = fn.Properties.Environment.Variables;

    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.Runtime).toBe('nodejs22.x');
    expect(env.TABLE_NAME['Fn::ImportValue']).toMatch(/RefTable/);
    expect(env.INTEGRATION_SECRET_ARN['Fn::ImportValue']).toMatch(/RefIntegrations/);
    // Least privilege: only the API authenticates callers, so only it may read the admin token.
    expect(env.ADMIN_TOKEN_SECRET_ARN).toBeUndefined();
    expect(allows(statementsOf(template, id), 'secretsmanager:GetSecretValue', /RefAdminToken/)).toBe(false);
    expect(env.AIRTABLE_BASE_ID).toBe('appAbCdEf123');
    expect(env.GOOGLE_SHEETS_ID).toBeUndefined(); // not configured, not set
    const statements = statementsOf(template, id);
    expect(allows(statements, 'dynamodb:PutItem', /GetAttTable.*Arn/)).toBe(true);
    expect(allows(statements, 'secretsmanager:GetSecretValue', /RefIntegrations/)).toBe(true);
  });

  it('is invoked by EventBridge Scheduler every SYNC_INTERVAL_MINUTES, without piling up retries', () => {
    const [id] = byDescription(template, /Synchronisation des tableurs/);
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as Resource[];
    const schedule = schedules.find((s) => JSON.stringify(s.Properties.Target.Arn).includes(id));

    expect(schedule?.Properties.ScheduleExpression).toBe('rate(15 minutes)');
    expect(schedule?.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBe(0);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: id }, MaximumRetryAttempts: 0 });
  });

  it('gives the API the same sync settings and secret (manual rounds and signed hooks)', () => {
    const [, api] = byDescription(template, /API HTTP/);
    const env = api.Properties.Environment.Variables;

    expect(env.AIRTABLE_BASE_ID).toBe('appAbCdEf123');
    expect(env.SYNC_INTERVAL_MINUTES).toBe('15');
    expect(env.INTEGRATION_SECRET_ARN['Fn::ImportValue']).toMatch(/RefIntegrations/);
  });

  it('defaults to a round every 10 minutes', () => {
    const t = synthStacks({}).stateless;
    const schedules = Object.values(t.findResources('AWS::Scheduler::Schedule')) as Resource[];

    expect(schedules.map((s) => s.Properties.ScheduleExpression)).toContain('rate(10 minutes)');
  });
});

describe('Facebook relay', () => {
  let template: Template;
  beforeAll(() => {
    template = synthStacks({ FACEBOOK_PAGE_ID: '1234567890' }).stateless;
  });

  it('consumes the table stream for pending outbox items only, reporting partial batch failures', () => {
    const [id, fn] = byDescription(template, /flux de la table/);
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Resource[];
    const mapping = mappings.find((m) => m.Properties.FunctionName.Ref === id)!;
    const pattern = JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern);

    expect(fn.Properties.Handler).toBe('index.handler');
    expect(mapping.Properties.EventSourceArn['Fn::ImportValue']).toMatch(/StreamArn/);
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.Properties.BisectBatchOnFunctionError).toBe(true);
    expect(mapping.Properties.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(mapping.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0]).toMatch(/DeadLetters/);
    expect(pattern.dynamodb.Keys.sk.S).toEqual(['relay#facebook']);
    expect(pattern.dynamodb.Keys.pk.S).toEqual([{ prefix: 'event#' }]);
    expect(pattern.dynamodb.NewImage.status.S).toEqual(['pending']);
  });

  it('gets the Page id, the Page token secret and the public address; may read the stream', () => {
    const [id, fn] = byDescription(template, /flux de la table/);
    const env = fn.Properties.Environment.Variables;

    expect(env.FACEBOOK_PAGE_ID).toBe('1234567890');
    expect(env.FACEBOOK_PAGE_TOKEN_SECRET_ARN['Fn::ImportValue']).toMatch(/RefFacebookPageToken/);
    expect(JSON.stringify(env.PUBLIC_BASE_URL)).toMatch(/CdnDistribution/);
    const statements = statementsOf(template, id);
    expect(allows(statements, 'dynamodb:GetRecords', /StreamArn/)).toBe(true);
    expect(allows(statements, 'secretsmanager:GetSecretValue', /RefFacebookPageToken/)).toBe(true);
  });

  it('sweeps delayed retries on a schedule with the sweep handler', () => {
    const [id, fn] = byDescription(template, /reprise des envois/);
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as Resource[];

    expect(fn.Properties.Handler).toBe('index.sweepHandler');
    expect(schedules.some((s) => JSON.stringify(s.Properties.Target.Arn).includes(id) && /^rate\(\d+ minutes?\)$/.test(s.Properties.ScheduleExpression))).toBe(true);
  });

  it('is not deployed without a Facebook Page id', () => {
    const t = synthStacks({}).stateless;

    expect(t.findResources('AWS::Lambda::EventSourceMapping')).toEqual({});
  });
});

describe('decisions schedule', () => {
  let template: Template;
  beforeAll(() => {
    template = synthStacks({}).stateless;
  });

  it('runs functions/decisions with the table only (no secret), every 5 minutes, without retries', () => {
    const [id, fn] = byDescription(template, /Ouverture et clôture planifiées des propositions/);
    const env = fn.Properties.Environment.Variables;
    expect(env.TABLE_NAME['Fn::ImportValue']).toMatch(/RefTable/);
    expect(env.ADMIN_TOKEN_SECRET_ARN).toBeUndefined();
    const statements = statementsOf(template, id);
    expect(allows(statements, 'dynamodb:PutItem', /GetAttTable.*Arn/)).toBe(true);
    expect(statements.some((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'))).toBe(false);
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as Resource[];
    const schedule = schedules.find((s) => JSON.stringify(s.Properties.Target.Arn).includes(id));
    expect(schedule?.Properties.ScheduleExpression).toBe('rate(5 minutes)');
    expect(schedule?.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBe(0);
  });
});

describe('reservation and check-in job', () => {
  let template: Template;
  beforeAll(() => {
    template = synthStacks({}).stateless;
  });

  it('runs functions/checkin every hour with the table only, without piling up retries', () => {
    const [id, fn] = byDescription(template, /Réservations non honorées/);
    const env = fn.Properties.Environment.Variables;
    expect(env.TABLE_NAME['Fn::ImportValue']).toMatch(/RefTable/);
    expect(env.ADMIN_TOKEN_SECRET_ARN).toBeUndefined();
    expect(allows(statementsOf(template, id), 'dynamodb:TransactWriteItems', /GetAttTable.*Arn/) || allows(statementsOf(template, id), 'dynamodb:PutItem', /GetAttTable.*Arn/)).toBe(true);
    const schedule = (Object.values(template.findResources('AWS::Scheduler::Schedule')) as Resource[]).find((s) => JSON.stringify(s.Properties.Target.Arn).includes(id));
    expect(schedule?.Properties.ScheduleExpression).toBe('rate(1 hour)');
    expect(schedule?.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBe(0);
  });
});
