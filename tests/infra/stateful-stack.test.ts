import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { TABLE_DEFINITION } from '../../integrations/dynamodb/table-definition.js';
import { INTEGRATION_SECRET_KEYS } from '../../infra/stacks/stateful-stack.js';
import { synthStacks } from './synth-stacks.js';
import { isLogicalIdOf, type SecretName } from '../../scripts/setup/secrets-store.js';

let template: Template;
beforeAll(() => {
  template = synthStacks().stateful;
});

function onlyTable() {
  const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
  expect(tables).toHaveLength(1);
  return tables[0] as { Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
}

describe('stateful stack', () => {
  it('builds the single table from the shared table definition (keys, indexes, TTL, stream)', () => {
    const p = onlyTable().Properties;
    const d = TABLE_DEFINITION;

    expect(p.KeySchema).toEqual([
      { AttributeName: d.partitionKey, KeyType: 'HASH' },
      { AttributeName: d.sortKey, KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes).toEqual(
      d.globalSecondaryIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const keyNames = [d.partitionKey, d.sortKey, ...d.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
    expect([...p.AttributeDefinitions].sort((a: any, b: any) => a.AttributeName.localeCompare(b.AttributeName))).toEqual(
      [...keyNames].sort().map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    );
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: d.timeToLiveAttribute, Enabled: true });
    expect(p.StreamSpecification).toEqual({ StreamViewType: d.stream });
  });

  it('bills the table per request and protects it: point-in-time recovery, deletion protection, retained', () => {
    const table = onlyTable();

    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.ProvisionedThroughput).toBeUndefined();
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('generates the admin token in Secrets Manager and keeps it on stack deletion', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    const admin = Object.entries(secrets).find(([id]) => id.startsWith('AdminToken'))?.[1] as any;

    expect(admin).toBeDefined();
    expect(admin.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    expect(admin.Properties.SecretString).toBeUndefined();
    expect(admin.DeletionPolicy).toBe('Retain');
  });

  it('creates the integrations secret as JSON with one key per integration secret, no value in the template', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    const integrations = Object.entries(secrets).find(([id]) => id.startsWith('Integrations'))?.[1] as any;

    expect(integrations).toBeDefined();
    const shape = JSON.parse(integrations.Properties.GenerateSecretString.SecretStringTemplate);
    expect(Object.keys(shape).sort()).toEqual([...INTEGRATION_SECRET_KEYS].sort());
    expect(Object.values(shape).every((v) => v === '')).toBe(true);
    expect(integrations.DeletionPolicy).toBe('Retain');
  });

  it('keeps the Facebook Page token in its own plain-string secret, retained', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    const page = Object.entries(secrets).find(([id]) => id.startsWith('FacebookPageToken'))?.[1] as any;

    expect(page).toBeDefined();
    expect(page.Properties.GenerateSecretString.SecretStringTemplate).toBeUndefined();
    expect(page.DeletionPolicy).toBe('Retain');
  });

  it('outputs the table name and the secrets ARNs for operators', () => {
    const outputs = template.findOutputs('*');

    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['TableName', 'AdminTokenSecretArn', 'IntegrationsSecretArn', 'FacebookPageTokenSecretArn']));
  });

  it('gives each secret a logical id `npm run setup` recognises (it finds them by their CloudFormation tags)', () => {
    const ids = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    const names: SecretName[] = ['adminToken', 'integrations', 'facebookPageToken'];

    expect(names.map((n) => ids.filter((id) => isLogicalIdOf(n, id)).length)).toEqual([1, 1, 1]);
    expect(isLogicalIdOf('integrations', 'IntegrationsExtra0123ABCD')).toBe(false);
  });
});
