/**
 * AWS list prices used by `npm run cost`, region eu-west-3 (Paris), in US dollars.
 * Dated: entered on 2026-12-01 from AWS's public pricing pages for each service (AWS Lambda
 * pricing, Amazon API Gateway pricing, Amazon DynamoDB pricing (on-demand), Amazon CloudFront
 * pricing, AWS Secrets Manager pricing, Amazon S3 pricing, Amazon EventBridge pricing
 * (Scheduler)). They were copied by hand, not fetched by the script: check them against those
 * pages before relying on a figure, and change them here only (one module, one date).
 *
 * Cross-checked on 2026-12-01 against public material reachable offline (third-party copies,
 * not AWS's own pages), for US East, the reference region those copies quote:
 * - Lambda arm64 0.0000133334 $/GB-s (first tier) and 0.20 $ per million requests: same here;
 * - HTTP API 1.00 $ per million in US East (its free tier lasts 12 months only, so not counted);
 * - DynamoDB on demand halved on 2024-11-01: 0.625 $ (writes) and 0.125 $ (reads) per million
 *   in US East; the Paris figures below are the halved Paris prices, about 1.2× US East;
 * - CloudFront's always-free 1 TB and 10 million requests a month.
 * The Paris multipliers themselves could not be confirmed from here.
 */
export const PRICES_DATE = '2026-12-01';
export const PRICES_SOURCE = 'pages publiques de tarifs AWS de chaque service (région eu-west-3, Paris), recopiées à la main';

export const PRICES = {
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  httpApiPerMillionRequests: 1.11,
  dynamoPerMillionWriteUnits: 0.7625,
  dynamoPerMillionReadUnits: 0.1525,
  dynamoPerGbMonth: 0.2997,
  cloudFrontPer10kHttpsRequests: 0.012,
  cloudFrontPerGbOut: 0.085,
  secretPerMonth: 0.4,
  secretPer10kApiCalls: 0.05,
  s3PerGbMonth: 0.024,
  s3Per1000Put: 0.0053,
  s3Per1000Get: 0.00042,
  schedulerPerMillionInvocations: 1.0,
} as const;

/** Monthly free tiers that do not expire (the 12-month ones are not counted). */
export const FREE_TIER = {
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  dynamoGbStorage: 25,
  cloudFrontRequests: 10_000_000,
  cloudFrontGbOut: 1024,
  schedulerInvocations: 14_000_000,
} as const;

export type Prices = { [K in keyof typeof PRICES]: number };
export type FreeTier = { [K in keyof typeof FREE_TIER]: number };
