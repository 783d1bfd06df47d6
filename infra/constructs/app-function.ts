/**
 * The one Lambda function construct of the project: it owns the defaults (Node.js 22,
 * arm64, ESM bundle with source maps, log retention) so that adding a function to a
 * stack is a few lines, and it binds resources by setting the env variable and
 * granting IAM in the same call, so the two can never drift apart.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { LAMBDA_BUNDLING, SOURCE_MAPS_NODE_OPTIONS } from './bundling-options.js';

/** The repository root: entries and the lock file resolve from here whatever the cwd. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface AppFunctionProps extends Omit<NodejsFunctionProps, 'entry' | 'runtime' | 'architecture' | 'logGroup' | 'logRetention' | 'bundling'> {
  /** Path of the TypeScript entry, e.g. `functions/api/lambda.ts`. */
  entry: string;
  /** The construct owns the command hooks: they replace the bundle with the split one. */
  bundling?: Omit<BundlingOptions, 'commandHooks'>;
  /** How long CloudWatch keeps the logs (default one month: enough to debug, cheap). */
  logRetention?: RetentionDays;
}

export type TableAccessMode = 'read' | 'readWrite';

export class AppFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const { logRetention = RetentionDays.ONE_MONTH, environment, bundling, entry, ...rest } = props;
    // An explicit log group (instead of the legacy custom resource) so retention is a plain CloudFormation property.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    super(scope, id, {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup,
      ...rest,
      entry: resolve(PROJECT_ROOT, entry),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, 'package-lock.json'),
      environment: { NODE_OPTIONS: SOURCE_MAPS_NODE_OPTIONS, ...environment },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourcemap,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        externalModules: [...LAMBDA_BUNDLING.external],
        // As a string: CDK drops boolean false arguments.
        esbuildArgs: { '--sources-content': String(LAMBDA_BUNDLING.sourcesContent) },
        ...bundling,
        // The construct's esbuild call writes one file (it cannot split code); the project's
        // build then replaces it with the split bundle (index.mjs and its chunks, plus the
        // API's widget.js): the same files `npm run build` and the bench produce.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [`cd "${inputDir}" && npx --no-install tsx scripts/build.ts "${entry}" "${outputDir}"`],
        },
      },
    });
  }

  /** Sets `TABLE_NAME` and grants the matching data-plane rights (indexes included). */
  bindTable({ table, accessMode }: { table: ITable; accessMode: TableAccessMode }): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (accessMode === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    return this;
  }

  /** Sets `envName` to the secret's ARN and lets the function read it (read once at cold start). */
  bindSecret({ secret, envName }: { secret: ISecret; envName: string }): this {
    this.addEnvironment(envName, secret.secretArn);
    secret.grantRead(this);
    return this;
  }

  /**
   * Sets `KIT_BUCKET` and grants exactly what the kit's file store does: sign PUTs (the
   * presigned URL acts with this role), read an object's first bytes and size, delete a
   * refused or replaced file, all under `prefix` only; and list the bucket, without which
   * S3 answers 403 instead of 404 for a file not uploaded yet.
   */
  /**
   * Sets `ARTIFACTS_BUCKET` and grants what the object store does: put and get the
   * directory's index artifact and the big exports (their prefixes only, no delete: the
   * bucket's lifecycle expires them), and list the bucket, without which S3 answers 403
   * instead of 404 for an artifact that expired.
   */
  bindArtifactsBucket({ bucket, prefixes }: { bucket: IBucket; prefixes: string[] }): this {
    this.addEnvironment('ARTIFACTS_BUCKET', bucket.bucketName);
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: prefixes.map((p) => bucket.arnForObjects(`${p}*`)) }));
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    return this;
  }

  bindKitBucket({ bucket, prefix }: { bucket: IBucket; prefix: string }): this {
    this.addEnvironment('KIT_BUCKET', bucket.bucketName);
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }));
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    return this;
  }
}
