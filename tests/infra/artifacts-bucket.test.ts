/**
 * Generated objects in AWS: a private bucket of the stateful stack (next to the kit's) whose
 * lifecycle expires the index artifacts and the big exports, and the API function given
 * ARTIFACTS_BUCKET with just the rights its object store uses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { synthStacks } from './synth-stacks.js';
import { ARTIFACT_EXPIRY_DAYS, ARTIFACT_REWRITE_DAYS } from '../../functions/domain/directory/object-keys.js';

let stateful: Template;
let stateless: Template;
let bucketId: string;
let kitBucketId: string;
beforeAll(() => {
  const synth = synthStacks();
  ({ stateful, stateless } = synth);
  bucketId = synth.stacks.stateful.getLogicalId(synth.stacks.stateful.artifactsBucket.node.defaultChild as CfnElement);
  kitBucketId = synth.stacks.stateful.getLogicalId(synth.stacks.stateful.kitBucket.node.defaultChild as CfnElement);
});

const actionsOf = (s: { Action: string | string[] }) => [s.Action].flat();

function apiFunctionId() {
  return Object.keys(stateless.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('API HTTP') } }))[0]!;
}

function statementsOfFunction(fnId: string): any[] {
  const roleId = stateless.toJSON().Resources[fnId].Properties.Role['Fn::GetAtt'][0];
  const policies = stateless.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('stateful stack: the artifacts bucket', () => {
  it('sits beside the kit bucket: private, encrypted, TLS only, retained with the stack', () => {
    expect(Object.keys(stateful.findResources('AWS::S3::Bucket')).sort()).toEqual([bucketId, kitBucketId].sort());
    const b = stateful.toJSON().Resources[bucketId];
    expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(b.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(b.DeletionPolicy).toBe('Retain');
    const policy = Object.values(stateful.findResources('AWS::S3::BucketPolicy')).find((p: any) => p.Properties.Bucket.Ref === bucketId) as any;
    expect(policy.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
    expect(policy.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Allow')).toBe(false);
  });

  it('expires index artifacts after a week (rewritten well before) and exports after a day', () => {
    const rules = stateful.toJSON().Resources[bucketId].Properties.LifecycleConfiguration.Rules as any[];
    expect(rules).toEqual([
      expect.objectContaining({ Prefix: 'directory-', ExpirationInDays: ARTIFACT_EXPIRY_DAYS, Status: 'Enabled' }),
      expect.objectContaining({ Prefix: 'export-', ExpirationInDays: 1, Status: 'Enabled' }),
    ]);
    expect(ARTIFACT_REWRITE_DAYS).toBeLessThan(ARTIFACT_EXPIRY_DAYS - 1);
  });

  it('outputs its name for operators', () => {
    expect(Object.keys(stateful.findOutputs('*'))).toEqual(expect.arrayContaining(['ArtifactsBucketName', 'KitBucketName']));
  });
});

describe('stateless stack: the API function and the artifacts bucket', () => {
  it('gets ARTIFACTS_BUCKET, the stateful bucket’s name (and still KIT_BUCKET)', () => {
    const env = stateless.toJSON().Resources[apiFunctionId()].Properties.Environment.Variables;
    expect(env.ARTIFACTS_BUCKET['Fn::ImportValue']).toMatch(new RegExp(`Ref${bucketId}`));
    expect(env.KIT_BUCKET['Fn::ImportValue']).toMatch(new RegExp(`Ref${kitBucketId}`));
  });

  it('may put and get directory-* and export-* objects and list the bucket; no delete, no wildcard', () => {
    const mine = statementsOfFunction(apiFunctionId()).filter((s) => JSON.stringify(s.Resource).includes(`${bucketId}Arn`));
    expect(mine.map((s) => actionsOf(s).sort())).toEqual([['s3:GetObject', 's3:PutObject'], ['s3:ListBucket']]);
    const objects = JSON.stringify(mine[0].Resource);
    expect(objects).toMatch(/\/directory-\*"/);
    expect(objects).toMatch(/\/export-\*"/);
    expect(JSON.stringify(mine[1].Resource)).not.toContain('/');
    expect(mine.every((s) => s.Effect === 'Allow' && !actionsOf(s).some((a) => a.includes('*')))).toBe(true);
  });

  it('no other function may touch it', () => {
    const others = Object.keys(stateless.findResources('AWS::Lambda::Function')).filter((id) => id !== apiFunctionId());
    for (const id of others) {
      if (!stateless.toJSON().Resources[id].Properties.Role?.['Fn::GetAtt']) continue;
      expect(statementsOfFunction(id).filter((s) => JSON.stringify(s.Resource ?? '').includes(`${bucketId}Arn`))).toEqual([]);
    }
  });
});
