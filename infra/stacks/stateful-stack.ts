/**
 * What must survive a redeploy or a mistaken `cdk destroy`: the single table, the kit's
 * file bucket, the bucket of generated objects (index artifact, big exports) and the secrets. Kept apart from the functions so the stateless stack can be replaced freely.
 */
import { Duration, RemovalPolicy, Stack, type StackProps, CfnOutput } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { KIT_FILES_PREFIX } from '../../functions/domain/kit/file-headers.js';
import { ARTIFACT_EXPIRY_DAYS, DIRECTORY_ARTIFACT_PREFIX, EXPORT_PREFIX } from '../../functions/domain/directory/object-keys.js';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../integrations/dynamodb/table-definition.js';
import { SECRET_KEYS as SYNC_SECRET_KEYS } from '../../functions/sync/sync-config.js';
import { SECRET_IDS } from '../stack-names.js';

/**
 * Keys of the integrations secret (JSON), read by the sync (functions/sync/sync-config.ts,
 * its one source); the non-secret settings (base ids, URLs) are plain env variables.
 */
export const INTEGRATION_SECRET_KEYS = SYNC_SECRET_KEYS;

export class StatefulStack extends Stack {
  readonly table: Table;
  /** Private: read only by the CDN (origin access control), written by presigned PUTs. */
  readonly kitBucket: Bucket;
  readonly artifactsBucket: Bucket;
  readonly adminTokenSecret: Secret;
  readonly integrationsSecret: Secret;
  readonly facebookPageTokenSecret: Secret;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const d = TABLE_DEFINITION;
    const str = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new Table(this, 'Table', {
      partitionKey: str(d.partitionKey),
      sortKey: str(d.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: d.timeToLiveAttribute,
      stream: StreamViewType[d.stream],
    });
    for (const g of d.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({ indexName: g.indexName, partitionKey: str(g.partitionKey), sortKey: str(g.sortKey) });
    }

    this.kitBucket = new Bucket(this, 'KitBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Managers upload from a browser (the sheet, a page of another origin) with a presigned
      // URL: that URL is the credential, so any origin may PUT; nothing else crosses origins.
      cors: [{ allowedMethods: [HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['content-type', 'content-disposition'], maxAge: 3600 }],
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1), noncurrentVersionExpiration: Duration.days(30) }],
    });
    // The CDN reads the files with origin access control. The distribution lives in the
    // stateless stack: naming its ARN here would tie the two stacks in a cycle, so the grant
    // is to CloudFront for this account's distributions, on the files' prefix only.
    this.kitBucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.kitBucket.arnForObjects(`${KIT_FILES_PREFIX}*`)],
        conditions: { StringLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` } },
      }),
    );

    // Generated objects: the directory's index artifact and the exports too big for a Lambda
    // answer. All derived from the table, so nothing is versioned and everything expires:
    // the artifact in use is rewritten before it is that old (index-artifact.ts), an export
    // link lives 15 minutes.
    this.artifactsBucket = new Bucket(this, 'ArtifactsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { prefix: DIRECTORY_ARTIFACT_PREFIX, expiration: Duration.days(ARTIFACT_EXPIRY_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { prefix: EXPORT_PREFIX, expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.adminTokenSecret = new Secret(this, SECRET_IDS.adminToken, {
      description: 'Jeton bearer de l’administrateur du réseau (rôle admin de l’API).',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Created with empty values: an operator fills in those of the integrations in use.
    this.integrationsSecret = new Secret(this, SECRET_IDS.integrations, {
      description: `Secrets des intégrations (JSON) : ${INTEGRATION_SECRET_KEYS.join(', ')}.`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify(Object.fromEntries(INTEGRATION_SECRET_KEYS.map((k) => [k, '']))),
        // The generator must fill one key; nothing reads it (keeps plaintext out of the template).
        generateStringKey: 'GENERATED_NONCE',
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // A plain string (not JSON), as the relay reads it (functions/relay/relay-config.ts).
    this.facebookPageTokenSecret = new Secret(this, SECRET_IDS.facebookPageToken, {
      description: 'Jeton de la page Facebook du réseau (FACEBOOK_PAGE_TOKEN), pour le relais des événements.',
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'KitBucketName', { value: this.kitBucket.bucketName });
    new CfnOutput(this, 'ArtifactsBucketName', { value: this.artifactsBucket.bucketName });
    new CfnOutput(this, 'AdminTokenSecretArn', { value: this.adminTokenSecret.secretArn });
    new CfnOutput(this, 'IntegrationsSecretArn', { value: this.integrationsSecret.secretArn });
    new CfnOutput(this, 'FacebookPageTokenSecretArn', { value: this.facebookPageTokenSecret.secretArn });
  }
}
