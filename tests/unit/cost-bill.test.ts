import { describe, expect, it } from 'vitest';
import { monthlyBill, transactionalWriteUnits, type MonthlyUsage } from '../../scripts/cost/bill.js';
import { FREE_TIER, PRICES } from '../../scripts/cost/prices.js';

const zero: MonthlyUsage = { lambdaInvocations: 0, lambdaGbSeconds: 0, httpApiRequests: 0, dynamoReadUnits: 0, dynamoWriteUnits: 0, dynamoGbStored: 0, cloudFrontRequests: 0, cloudFrontGbOut: 0, secrets: 0, secretApiCalls: 0, s3GbStored: 0, s3Puts: 0, s3Gets: 0, schedulerInvocations: 0 };
const p = { ...PRICES, lambdaPerMillionRequests: 0.2, httpApiPerMillionRequests: 1, dynamoPerMillionWriteUnits: 1, dynamoPerMillionReadUnits: 0.25, secretPerMonth: 0.4 };

describe('the monthly bill arithmetic', () => {
  it('nothing used, nothing due', () => {
    expect(monthlyBill(zero, p, FREE_TIER)).toMatchObject({ grossUsd: 0, dueUsd: 0 });
  });

  it('prices per million and per unit, with the free tier taken off only where it exists', () => {
    const b = monthlyBill({ ...zero, lambdaInvocations: 1_500_000, httpApiRequests: 2_000_000, dynamoWriteUnits: 3_000_000, dynamoReadUnits: 4_000_000, secrets: 3 }, p, FREE_TIER);
    const byName = Object.fromEntries(b.lines.map((l) => [l.service, l]));
    expect(byName['Lambda (arm64) — requêtes']).toMatchObject({ grossUsd: expect.closeTo(0.3, 10), dueUsd: expect.closeTo(0.1, 10) });
    expect(byName['API Gateway HTTP API']).toMatchObject({ grossUsd: expect.closeTo(2, 10), dueUsd: expect.closeTo(2, 10) });
    expect(byName['DynamoDB à la demande — écritures']!.dueUsd).toBeCloseTo(3, 10);
    expect(byName['DynamoDB à la demande — lectures']!.dueUsd).toBeCloseTo(1, 10);
    expect(byName['Secrets Manager — secrets']!.dueUsd).toBeCloseTo(1.2, 10);
    expect(b.dueUsd).toBeCloseTo(0.1 + 2 + 3 + 1 + 1.2, 10);
    expect(b.grossUsd).toBeCloseTo(0.3 + 2 + 3 + 1 + 1.2, 10);
  });

  it('a usage under the free tier costs nothing there', () => {
    const b = monthlyBill({ ...zero, lambdaGbSeconds: 399_999, cloudFrontRequests: 200_000, schedulerInvocations: 13_000 }, p, FREE_TIER);
    expect(b.dueUsd).toBe(0);
    expect(b.grossUsd).toBeGreaterThan(0);
  });

  it('transactional writes: 2 units per item and per started KB', () => {
    expect(transactionalWriteUnits([100, 1024, 1025, 3000])).toBe(2 + 2 + 4 + 6);
  });
});
