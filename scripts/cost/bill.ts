/**
 * The monthly bill from usage figures: one line per priced item, the part the permanent free
 * tier covers shown apart. Pure arithmetic (unit-tested in tests/unit/cost-bill.test.ts).
 */
import type { FreeTier, Prices } from './prices.js';

export interface MonthlyUsage {
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  httpApiRequests: number;
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
  dynamoGbStored: number;
  cloudFrontRequests: number;
  cloudFrontGbOut: number;
  secrets: number;
  secretApiCalls: number;
  s3GbStored: number;
  s3Puts: number;
  s3Gets: number;
  schedulerInvocations: number;
}

export interface BillLine {
  service: string;
  quantity: number;
  unit: string;
  /** Before the free tier. */
  grossUsd: number;
  /** What is left to pay once the permanent free tier is taken off. */
  dueUsd: number;
}

const covered = (qty: number, free: number) => Math.max(0, qty - free);

export function monthlyBill(u: MonthlyUsage, p: Prices, f: FreeTier): { lines: BillLine[]; grossUsd: number; dueUsd: number } {
  const line = (service: string, quantity: number, unit: string, perUnit: number, free = 0): BillLine => ({
    service,
    quantity,
    unit,
    grossUsd: quantity * perUnit,
    dueUsd: covered(quantity, free) * perUnit,
  });
  const lines = [
    line('Lambda (arm64) — requêtes', u.lambdaInvocations, 'requêtes', p.lambdaPerMillionRequests / 1e6, f.lambdaRequests),
    line('Lambda (arm64) — calcul', u.lambdaGbSeconds, 'Go-s', p.lambdaArmPerGbSecond, f.lambdaGbSeconds),
    line('API Gateway HTTP API', u.httpApiRequests, 'requêtes', p.httpApiPerMillionRequests / 1e6),
    line('DynamoDB à la demande — lectures', u.dynamoReadUnits, 'unités de lecture', p.dynamoPerMillionReadUnits / 1e6),
    line('DynamoDB à la demande — écritures', u.dynamoWriteUnits, 'unités d’écriture', p.dynamoPerMillionWriteUnits / 1e6),
    line('DynamoDB — stockage', u.dynamoGbStored, 'Go-mois', p.dynamoPerGbMonth, f.dynamoGbStorage),
    line('CloudFront — requêtes HTTPS', u.cloudFrontRequests, 'requêtes', p.cloudFrontPer10kHttpsRequests / 1e4, f.cloudFrontRequests),
    line('CloudFront — transfert sortant', u.cloudFrontGbOut, 'Go', p.cloudFrontPerGbOut, f.cloudFrontGbOut),
    line('Secrets Manager — secrets', u.secrets, 'secrets-mois', p.secretPerMonth),
    line('Secrets Manager — appels', u.secretApiCalls, 'appels', p.secretPer10kApiCalls / 1e4),
    line('S3 — stockage', u.s3GbStored, 'Go-mois', p.s3PerGbMonth),
    line('S3 — écritures (PUT)', u.s3Puts, 'requêtes', p.s3Per1000Put / 1000),
    line('S3 — lectures (GET)', u.s3Gets, 'requêtes', p.s3Per1000Get / 1000),
    line('EventBridge Scheduler', u.schedulerInvocations, 'déclenchements', p.schedulerPerMillionInvocations / 1e6, f.schedulerInvocations),
  ];
  const sum = (k: 'grossUsd' | 'dueUsd') => lines.reduce((s, l) => s + l[k], 0);
  return { lines, grossUsd: sum('grossUsd'), dueUsd: sum('dueUsd') };
}

/** DynamoDB's rules for transactional writes when the emulator does not report them: 2 units per KB per item. */
export function transactionalWriteUnits(itemBytes: number[]): number {
  return itemBytes.reduce((s, b) => s + 2 * Math.max(1, Math.ceil(b / 1024)), 0);
}
