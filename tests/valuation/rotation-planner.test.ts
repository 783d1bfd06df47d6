import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportionVisits, planRotation, type PlannedPlace } from '../../functions/domain/coordination/plan-rotation.js';
import { bestTour, tourKm, type Point } from '../../functions/domain/coordination/tour.js';
import { weekdaysBetween } from '../../functions/domain/coordination/working-days.js';
import { largestRemainder } from '../../functions/domain/valuation/money.js';

const base = { id: 'base', name: 'Tête de réseau', lat: 45.184, lon: 0.721 };

/** Places around Périgueux, a few tens of km apart. */
function placesAround(n: number, seed = 1): PlannedPlace[] {
  return Array.from({ length: n }, (_, i) => {
    const a = ((i * 137 + seed * 31) % 360) * (Math.PI / 180);
    const r = 0.15 + ((i * 7 + seed) % 5) * 0.08;
    return { id: `P${String(i).padStart(2, '0')}`, name: `Lieu ${i}`, lat: base.lat + r * Math.cos(a), lon: base.lon + r * Math.sin(a) * 1.4, weight: 1 };
  });
}

function permutations<T>(xs: T[]): T[][] {
  return xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

const days = (n: number) => weekdaysBetween('2026-03-02', '2026-12-31').slice(0, n);

describe('rotation planner', () => {
  it('visits every place at least once when days ≥ places / maxPlacesPerDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 6 }), (n, m, extraDays) => {
        const d = Math.ceil(n / m) + extraDays;
        const plan = planRotation({ base, places: placesAround(n), days: days(d), maxPlacesPerDay: m });
        const visited = new Set(plan.days.flatMap((x) => x.stops.map((s) => s.placeId)));
        expect(visited.size).toBe(n);
      }),
      { numRuns: 60 },
    );
  });

  it('never puts more than maxPlacesPerDay stops in a day, nor a place twice the same day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 25 }), (n, m, d) => {
        const places = placesAround(n).map((p, i) => ({ ...p, weight: 1 + (i % 3) }));
        const plan = planRotation({ base, places, days: days(d), maxPlacesPerDay: m });
        for (const day of plan.days) {
          expect(day.stops.length).toBeLessThanOrEqual(m);
          expect(new Set(day.stops.map((s) => s.placeId)).size).toBe(day.stops.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('shares visits by weights: one each, the rest by largest remainder', () => {
    const places = placesAround(4).map((p, i) => ({ ...p, weight: [3, 1, 1, 2][i]! }));
    // 10 days × 2 = 20 slots: 4 firsts, then 16 by 3:1:1:2 → 6,86 / 2,29 / 2,29 / 4,57 → 7, 2, 2, 5 (remainders ,86 ,29 ,29 ,57: 1 left → P00).
    expect(largestRemainder(16, [300, 100, 100, 200])).toEqual([7, 2, 2, 5]);
    expect(apportionVisits(places, 20, 10, base)).toEqual([8, 3, 3, 6]);
    const plan = planRotation({ base, places, days: days(10), maxPlacesPerDay: 2 });
    expect(plan.visitsPerPlace.map((v) => v.visits)).toEqual([8, 3, 3, 6]);
  });

  it('a place is never given more visits than there are days: its share goes to the others', () => {
    const places = placesAround(3).map((p, i) => ({ ...p, weight: [10, 1, 1][i]! }));
    const counts = apportionVisits(places, 3 * 3, 3, base);
    expect(counts).toEqual([3, 3, 3]);
  });

  it('with fewer slots than places, the heaviest places are visited', () => {
    const places = placesAround(5).map((p, i) => ({ ...p, weight: [1, 5, 1, 4, 1][i]! }));
    expect(apportionVisits(places, 2, 1, base)).toEqual([0, 1, 0, 1, 0]);
  });

  it('the same input gives the same plan', () => {
    const input = { base, places: placesAround(9).map((p, i) => ({ ...p, weight: 1 + (i % 2) })), days: days(12), maxPlacesPerDay: 3 };
    const shuffled = { ...input, places: [...input.places].reverse(), days: [...input.days].reverse() };
    expect(planRotation(shuffled)).toEqual(planRotation(input));
  });

  it('each day’s tour is no longer than any other order of its stops (brute force, ≤ 6 stops)', () => {
    for (const m of [2, 3, 4, 5, 6]) {
      const plan = planRotation({ base, places: placesAround(12, m), days: days(6), maxPlacesPerDay: m });
      const byId = new Map(placesAround(12, m).map((p) => [p.id, p]));
      for (const day of plan.days) {
        const stops = day.stops.map((s) => byId.get(s.placeId)!);
        const planned = tourKm(base, stops);
        for (const other of permutations(stops)) expect(planned).toBeLessThanOrEqual(tourKm(base, other) + 1e-9);
        expect(day.km).toBeCloseTo(planned, 1);
      }
    }
  });

  it('groups neighbours: a day’s stops are closer to each other than random picks', () => {
    const places = placesAround(12, 3);
    const plan = planRotation({ base, places, days: days(4), maxPlacesPerDay: 3 });
    const naiveChunks = [0, 1, 2, 3].map((d) => places.filter((_, i) => i % 4 === d));
    const naiveKm = naiveChunks.reduce((s, c) => s + tourKm(base, bestTour(base, c as Point[])), 0);
    expect(plan.totalKm).toBeLessThan(naiveKm);
  });

  it('working days leave out weekends and French public holidays', () => {
    expect(weekdaysBetween('2026-05-01', '2026-05-15')).toEqual(['2026-05-04', '2026-05-05', '2026-05-06', '2026-05-07', '2026-05-11', '2026-05-12', '2026-05-13', '2026-05-15']);
  });
});
