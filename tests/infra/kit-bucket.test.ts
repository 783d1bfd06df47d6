/**
 * The kit's files in AWS: a private bucket kept by the stateful stack, read only by the CDN
 * (origin access control) under /kit-files/*, served with the same sandbox headers as the
 * local server, and the API function given KIT_BUCKET with just the rights its store uses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { synthStacks } from './synth-stacks.js';
import { FILE_SECURITY_HEADERS } from '../../functions/domain/kit/file-headers.js';

let stateful: Template;
let stateless: Template;
let stacks: ReturnType<typeof synthStacks>['stacks'];
let bucketId: string;
beforeAll(() => {
  ({ stateful, stateless, stacks } = synthStacks());
  bucketId = stacks.stateful.getLogicalId(stacks.stateful.kitBucket.node.defaultChild as CfnElement);
});

const actionsOf = (s: { Action: string | string[] }) => [s.Action].flat();

function statementsOfFunction(template: Template, fnId: string): any[] {
  const roleId = template.toJSON().Resources[fnId].Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('stateful stack: the kit bucket', () => {
  it('is private, encrypted, versioned, TLS only and retained', () => {
    const buckets = stateful.findResources('AWS::S3::Bucket');
    // Next to it, the artifacts bucket (tests/infra/artifacts-bucket.test.ts).
    expect(Object.keys(buckets)).toHaveLength(2);
    expect(Object.keys(buckets)).toContain(bucketId);
    const b = buckets[bucketId] as any;

    expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(b.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.DeletionPolicy).toBe('Retain');
    // Browsers PUT with the presigned URL; no other cross-origin method.
    expect(b.Properties.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['PUT'], AllowedHeaders: ['content-type', 'content-disposition'] })]);
  });

  it('lets only CloudFront read, only kit-files/*, and refuses plain HTTP', () => {
    const policies = (Object.values(stateful.findResources('AWS::S3::BucketPolicy')) as any[]).filter((p) => p.Properties.Bucket.Ref === bucketId);
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.Bucket).toEqual({ Ref: bucketId });
    const statements = policies[0].Properties.PolicyDocument.Statement as any[];
    const allows = statements.filter((s) => s.Effect === 'Allow');

    expect(allows).toHaveLength(1);
    expect(allows[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(actionsOf(allows[0])).toEqual(['s3:GetObject']);
    expect(JSON.stringify(allows[0].Resource)).toMatch(/\/kit-files\/\*"/);
    expect(JSON.stringify(allows[0].Condition.StringLike['AWS:SourceArn'])).toMatch(/cloudfront::.*:distribution\/\*/);
    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
  });

  it('outputs the bucket name for operators', () => {
    expect(Object.keys(stateful.findOutputs('*'))).toContain('KitBucketName');
  });
});

describe('stateless stack: kit files through the CDN', () => {
  function distribution() {
    return (Object.values(stateless.findResources('AWS::CloudFront::Distribution'))[0] as any).Properties.DistributionConfig;
  }

  it('serves /kit-files/* from the bucket with origin access control, GET and HEAD only', () => {
    const cfg = distribution();
    const behaviors = cfg.CacheBehaviors as any[];
    expect(behaviors.map((b) => b.PathPattern)).toEqual(['/kit-files/*']);
    const [files] = behaviors;
    const origin = (cfg.Origins as any[]).find((o) => o.Id === files.TargetOriginId);

    expect([...files.AllowedMethods].sort()).toEqual(['GET', 'HEAD']);
    expect(files.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(JSON.stringify(origin.DomainName)).toMatch(new RegExp(`${bucketId}RegionalDomainName`));
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    const oacId = origin.OriginAccessControlId['Fn::GetAtt'][0];
    expect(stateless.toJSON().Resources[oacId].Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    // The API stays the default behaviour.
    expect(cfg.DefaultCacheBehavior.TargetOriginId).not.toBe(files.TargetOriginId);
  });

  it('adds the sandbox CSP, nosniff and no-referrer to every file, overriding the object', () => {
    const [files] = distribution().CacheBehaviors as any[];
    const policy = stateless.toJSON().Resources[files.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;

    expect(policy.SecurityHeadersConfig.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: FILE_SECURITY_HEADERS['Content-Security-Policy'], Override: true });
    expect(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy.split(';')[0]).toBe('sandbox');
    expect(policy.SecurityHeadersConfig.ContentTypeOptions).toEqual({ Override: true });
    expect(policy.SecurityHeadersConfig.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
  });

  it('leaves no unacknowledged warning about the bucket policy', () => {
    expect(Annotations.fromStack(stacks.stateless).findWarning('*', Match.stringLikeRegexp('bucket policy'))).toEqual([]);
  });
});

describe('stateless stack: the API function and the kit bucket', () => {
  function apiFunctionId() {
    const fns = stateless.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('API HTTP') } });
    return Object.keys(fns)[0]!;
  }

  it('gets KIT_BUCKET, the stateful bucket’s name', () => {
    const env = stateless.toJSON().Resources[apiFunctionId()].Properties.Environment.Variables;
    expect(env.KIT_BUCKET['Fn::ImportValue']).toMatch(new RegExp(`Ref${bucketId}`));
  });

  it('may put, get and delete objects under kit-files/ and list the bucket, nothing more', () => {
    // The kit bucket's statements (the artifacts bucket has its own: tests/infra/artifacts-bucket.test.ts).
    const s3 = statementsOfFunction(stateless, apiFunctionId()).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')) && JSON.stringify(s.Resource).includes(`${bucketId}Arn`));

    expect(s3.map((s) => actionsOf(s).sort())).toEqual([['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], ['s3:ListBucket']]);
    expect(JSON.stringify(s3[0].Resource)).toMatch(new RegExp(`FnGetAtt${bucketId}Arn.*/kit-files/\\*`));
    expect(JSON.stringify(s3[1].Resource)).toMatch(new RegExp(`FnGetAtt${bucketId}Arn`));
    expect(JSON.stringify(s3[1].Resource)).not.toContain('/');
    expect(s3.every((s) => s.Effect === 'Allow' && !actionsOf(s).some((a) => a.includes('*')))).toBe(true);
  });

  it('no other function may touch the bucket', () => {
    const others = Object.keys(stateless.findResources('AWS::Lambda::Function')).filter((id) => id !== apiFunctionId());
    expect(others.length).toBeGreaterThan(0);
    for (const id of others) {
      const roleId = stateless.toJSON().Resources[id].Properties.Role?.['Fn::GetAtt']?.[0];
      if (!roleId) continue;
      expect(statementsOfFunction(stateless, id).filter((s) => JSON.stringify(s.Resource ?? '').includes(`${bucketId}Arn`))).toEqual([]);
    }
  });
});
