/**
 * Property: for random sequences of passes, visits (some concurrent) and cancellations,
 * the balances sum to zero and equal what the accepted operations posted, every monthly
 * settlement clears every balance (netting: at most n − 1 transfers; hub: only between the
 * network and places, at most n − 1 when the network's balance is not zero), and no capacity, pass
 * quota or one-visit-per-day rule is ever exceeded. Each run uses its own year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../support/harness.js';
import { createPerson, createPlace, newKey } from './mobility-setup.js';
import type { Actor } from '../../functions/domain/actor.js';
import { AppError } from '../../functions/domain/errors.js';
import { recordVisit } from '../../functions/domain/mobility/record-visit.js';
import { cancelVisit } from '../../functions/domain/mobility/cancel-visit.js';
import { createPass } from '../../functions/domain/mobility/passes.js';
import { getBalances, getSettlement } from '../../functions/domain/mobility/balances.js';
import { applyTransfers } from '../../functions/domain/mobility/settlement-netting.js';
import { getHostDayVisitors } from '../../integrations/dynamodb/visit-repository.js';
import type { Visit } from '../../schemas/visit.js';
import type { Pass } from '../../schemas/pass.js';
import type { Posting } from '../../schemas/ledger.js';

const ADMIN_ACTOR: Actor = { role: 'admin', id: 'admin' };
const CAPACITIES = [1, 2, 3];

let t: TestContext;
let places: string[];
let people: string[];
// Days are limited to 2000–2100 (schemas/common.ts): 10 runs (and any shrinking) fit in that range.
let runYear = 2000;

beforeAll(async () => {
  t = await createTestContext();
  places = [];
  for (const cap of CAPACITIES) places.push(await createPlace(t, { name: `Lieu capacité ${cap}`, mobility: { acceptsVisitors: true, dailyVisitorCapacity: cap, preferentialDayRateCents: 700 + cap } }));
  places.push(await createPlace(t, { name: 'Lieu fermé', mobility: { acceptsVisitors: false, dailyVisitorCapacity: 5, preferentialDayRateCents: 500 } }));
  people = [];
  for (let i = 0; i < 6; i++) people.push(await createPerson(t, places[i % places.length]!, `Personne ${i}`));
});

const visitArb = fc.record({
  kind: fc.constant('visit' as const),
  person: fc.nat({ max: 5 }),
  // Mostly the open places, few days: so that capacities and quotas are actually reached.
  host: fc.oneof({ weight: 5, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.constant(3) }),
  month: fc.integer({ min: 1, max: 2 }),
  day: fc.integer({ min: 1, max: 2 }),
  scheme: fc.constantFrom('retrocession' as const, 'pass' as const, 'preferential' as const),
});
const opArb = fc.oneof(
  { weight: 4, arbitrary: visitArb },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('burst' as const), visits: fc.array(visitArb, { minLength: 2, maxLength: 6 }) }) },
  // Everyone at one host on one day, at once: reaches the capacity.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crowd' as const), host: fc.nat({ max: 2 }), month: fc.integer({ min: 1, max: 2 }), day: fc.integer({ min: 1, max: 2 }), scheme: fc.constantFrom('retrocession' as const, 'pass' as const, 'preferential' as const) }) },
  // One person at every host on both days of a month, at once: reaches the pass quota.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tour' as const), person: fc.nat({ max: 5 }), month: fc.integer({ min: 1, max: 2 }), scheme: fc.constantFrom('pass' as const, 'retrocession' as const), passDays: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('pass' as const), person: fc.nat({ max: 5 }), period: fc.constantFrom('month' as const, 'year' as const), days: fc.integer({ min: 1, max: 3 }), priceCents: fc.integer({ min: 0, max: 5000 }), month: fc.integer({ min: 1, max: 2 }) }),
  },
);

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;
type VisitOp = Extract<Op, { kind: 'visit' }>;

/** Runs one operation; refusals (4xx) are part of the game, anything else fails the property. */
async function expectRefusalOr<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AppError && [409, 422].includes(err.status)) return undefined;
    throw err;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

describe('ledger properties', () => {
  it('random passes, visits and cancellations keep the ledger balanced and every limit held', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), async (ops) => {
        const year = runYear++;
        const visits = new Map<string, Visit>();
        const passes: Pass[] = [];
        const doVisit = async (v: VisitOp) => {
          const input = { personId: people[v.person]!, hostPlaceId: places[v.host]!, date: `${year}-${pad(v.month)}-${pad(v.day)}`, scheme: v.scheme };
          const r = await expectRefusalOr(recordVisit(t.deps, ADMIN_ACTOR, input, newKey()));
          if (r) visits.set(r.visit.id, r.visit);
        };
        for (const op of ops) {
          if (op.kind === 'visit') await doVisit(op);
          else if (op.kind === 'burst') await Promise.all(op.visits.map(doVisit));
          else if (op.kind === 'crowd') await Promise.all(people.map((_, person) => doVisit({ ...op, kind: 'visit', person })));
          else if (op.kind === 'tour') {
            if (op.passDays) passes.push(await createPass(t.deps, ADMIN_ACTOR, { personId: people[op.person]!, period: 'month', daysPerPeriod: op.passDays, priceCents: 1000, startsOn: `${year}-${pad(op.month)}-01`, endsOn: `${year}-12-31` }));
            await Promise.all([0, 1, 2].flatMap((host) => [1, 2].map((day) => doVisit({ ...op, kind: 'visit', host, day }))));
          }
          else if (op.kind === 'cancel') {
            const active = [...visits.values()].filter((v) => v.status === 'active');
            if (active.length === 0) continue;
            const cancelled = await cancelVisit(t.deps, ADMIN_ACTOR, active[op.which % active.length]!.id);
            visits.set(cancelled.id, cancelled);
          } else {
            const startsOn = `${year}-${pad(op.month)}-01`;
            passes.push(await createPass(t.deps, ADMIN_ACTOR, { personId: people[op.person]!, period: op.period, daysPerPeriod: op.days, priceCents: op.priceCents, startsOn, endsOn: `${year}-12-31` }));
          }
        }

        // Balances: zero-sum, and exactly what the accepted operations posted.
        const expected = new Map<string, number>();
        const post = (ps: Posting[]) => ps.forEach((p) => (expected.set(p.from, (expected.get(p.from) ?? 0) - p.amountCents), expected.set(p.to, (expected.get(p.to) ?? 0) + p.amountCents)));
        for (const p of passes) if (p.priceCents > 0) post([{ from: `person:${p.personId}`, to: 'network', amountCents: p.priceCents }]);
        for (const v of visits.values()) if (v.status === 'active') post(v.postings);
        const { accounts } = await getBalances(t.deps, ADMIN_ACTOR, { from: `${year}-01`, to: `${year}-12` });
        expect(accounts.reduce((s, a) => s + a.balanceCents, 0)).toBe(0);
        for (const a of accounts) expect(a.balanceCents).toBe(expected.get(a.account) ?? 0);
        for (const [account, cents] of expected) if (cents !== 0) expect(accounts).toContainEqual({ account, balanceCents: cents });

        // Settlements clear every balance. `min` (netting): at most n − 1 transfers. `hub` (the
        // default): only between the network and places, one per place whose balance is not
        // zero, so at most n − 1 when the network's own balance is not zero.
        for (const month of ['01', '02']) {
          const min = await getSettlement(t.deps, ADMIN_ACTOR, `${year}-${month}`, 'min');
          expect(min.mode).toBe('min');
          expect(min.balances.every((b) => b.account === 'network' || b.account.startsWith('place:'))).toBe(true);
          expect(min.transfers.length).toBeLessThanOrEqual(Math.max(0, min.balances.filter((b) => b.balanceCents !== 0).length - 1));
          expect(applyTransfers(min.balances, min.transfers).every((b) => b.balanceCents === 0)).toBe(true);

          const hub = await getSettlement(t.deps, ADMIN_ACTOR, `${year}-${month}`);
          expect(hub.mode).toBe('hub');
          expect(hub.balances).toEqual(min.balances);
          expect(hub.transfers.every((x) => (x.from === 'network') !== (x.to === 'network') && [x.from, x.to].every((a) => a === 'network' || a.startsWith('place:')))).toBe(true);
          expect(applyTransfers(hub.balances, hub.transfers).every((b) => b.balanceCents === 0)).toBe(true);
          const nonZero = hub.balances.filter((b) => b.balanceCents !== 0);
          expect(hub.transfers.length).toBe(nonZero.filter((b) => b.account !== 'network').length);
          if (nonZero.some((b) => b.account === 'network')) expect(hub.transfers.length).toBeLessThanOrEqual(nonZero.length - 1);
          expect(hub.transfers.every((x) => x.reason.length > 0 && x.fromName && x.toName)).toBe(true);
        }

        // No capacity, quota or one-visit-a-day rule exceeded; counters match the active visits.
        const active = [...visits.values()].filter((v) => v.status === 'active');
        const count = (key: (v: Visit) => string) => active.reduce((m, v) => m.set(key(v), (m.get(key(v)) ?? 0) + 1), new Map<string, number>());
        for (const [k, n] of count((v) => `${v.hostPlaceId}|${v.date}`)) {
          const [host, date] = k.split('|') as [string, string];
          expect(n).toBeLessThanOrEqual(CAPACITIES[places.indexOf(host)]!);
          expect(await getHostDayVisitors(t.deps.table, host, date)).toBe(n);
        }
        for (const [k, n] of count((v) => `${v.passId}|${v.passPeriod}`)) {
          if (k.startsWith('undefined')) continue;
          expect(n).toBeLessThanOrEqual(passes.find((p) => p.id === k.split('|')[0])!.daysPerPeriod);
        }
        for (const n of count((v) => `${v.personId}|${v.hostPlaceId}|${v.date}`).values()) expect(n).toBe(1);
        expect(active.every((v) => v.hostPlaceId !== v.homePlaceId && v.hostPlaceId !== places[3])).toBe(true);
      }),
      { numRuns: 10 },
    );
  }, 180_000);
});
