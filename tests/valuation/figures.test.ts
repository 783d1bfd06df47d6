import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BAREME_KILOMETRIQUE_VOITURES } from '../../functions/domain/valuation/figures/bareme-kilometrique.js';
import { bandOf, valueTrips, yearlyMileageCents, type Trip } from '../../functions/domain/valuation/mileage.js';
import { timeValueCents } from '../../functions/domain/valuation/time-value.js';
import { largestRemainder, roundCents } from '../../functions/domain/valuation/money.js';
import { lentValueCents, publicRateFor, versionOn } from '../../functions/domain/valuation/in-kind.js';
import { defaultValuationSettings } from '../../schemas/valuation-settings.js';
import { AppError } from '../../functions/domain/errors.js';

const grid = BAREME_KILOMETRIQUE_VOITURES[0]!;
const figures = defaultValuationSettings();
const thermal = (cv: number) => ({ fiscalHorsepower: cv, electric: false });

describe('barème kilométrique (voitures)', () => {
  it.each([
    [3, 52_900],
    [4, 60_600],
    [5, 63_600],
    [6, 66_500],
    [7, 69_700],
  ])('up to 5 000 km: 1 000 km with %i CV is d × rate', (cv, cents) => {
    expect(yearlyMileageCents(grid, 1000, thermal(cv))).toEqual({ cents, band: 'upTo5000' });
  });

  it.each([
    [3, 422_500],
    [4, 473_000],
    [5, 496_500],
    [6, 519_700],
    [7, 545_500],
  ])('5 001 to 20 000 km: 10 000 km with %i CV is d × rate + fixed part', (cv, cents) => {
    expect(yearlyMileageCents(grid, 10_000, thermal(cv))).toEqual({ cents, band: 'from5001To20000' });
  });

  it.each([
    [3, 925_000],
    [4, 1_017_500],
    [5, 1_067_500],
    [6, 1_117_500],
    [7, 1_175_000],
  ])('over 20 000 km: 25 000 km with %i CV is d × rate', (cv, cents) => {
    expect(yearlyMileageCents(grid, 25_000, thermal(cv))).toEqual({ cents, band: 'over20000' });
  });

  it('2 CV counts as « 3 CV et moins », 9 CV as « 7 CV et plus »', () => {
    expect(yearlyMileageCents(grid, 1000, thermal(2)).cents).toBe(52_900);
    expect(yearlyMileageCents(grid, 1000, thermal(9)).cents).toBe(69_700);
  });

  it('band edges: 5 000 km is the first band, 5 000,1 km the second, 20 000 the second, 20 000,1 the third', () => {
    expect(bandOf(5000)).toBe('upTo5000');
    expect(bandOf(5000.1)).toBe('from5001To20000');
    expect(bandOf(20_000)).toBe('from5001To20000');
    expect(bandOf(20_000.1)).toBe('over20000');
    expect(yearlyMileageCents(grid, 5000, thermal(5)).cents).toBe(318_000);
    expect(yearlyMileageCents(grid, 20_000, thermal(5)).cents).toBe(853_500);
  });

  it('an electric car gets +20 % on the whole amount, fixed part included', () => {
    expect(yearlyMileageCents(grid, 4000, { fiscalHorsepower: 5, electric: true }).cents).toBe(305_280);
    expect(yearlyMileageCents(grid, 10_000, { fiscalHorsepower: 4, electric: true }).cents).toBe(567_600);
  });

  it('the band is chosen by the person’s yearly total, not trip by trip', () => {
    const trips: Trip[] = [
      { id: 'a', date: '2025-03-01', km: 3000, personKey: 'person:p1', vehicle: thermal(4) },
      { id: 'b', date: '2025-09-01', km: 3000, personKey: 'person:p1', vehicle: thermal(4) },
      { id: 'c', date: '2025-09-01', km: 3000, personKey: 'person:p2', vehicle: thermal(4) },
    ];
    const { shares, groups } = valueTrips(figures, trips);
    // p1: 6 000 km → 6 000 × 0,340 + 1 330 = 3 370 €, not 2 × 3 000 × 0,606 = 3 636 €.
    expect(groups.find((g) => g.personKey === 'person:p1')).toMatchObject({ totalKm: 6000, band: 'from5001To20000', yearlyCents: 337_000 });
    expect(shares.get('a')).toBe(168_500);
    expect(shares.get('b')).toBe(168_500);
    // p2 alone stays in the first band.
    expect(shares.get('c')).toBe(181_800);
  });

  it('a person’s trips share the yearly value in proportion to km, to the cent', () => {
    const trips: Trip[] = [10.3, 7.1, 2.9].map((km, i) => ({ id: `t${i}`, date: `2025-0${i + 1}-10`, km, personKey: 'name:agnes', vehicle: thermal(5) }));
    const { shares, groups } = valueTrips(figures, trips);
    // 20,3 km × 0,636 = 12,9108 € → 1 291 cents, the one rounding.
    expect(groups[0]!.yearlyCents).toBe(1291);
    expect([shares.get('t0'), shares.get('t1'), shares.get('t2')]).toEqual([655, 452, 184]);
  });

  it('for any trips, the shares add up to each yearly amount exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ km: fc.integer({ min: 1, max: 60_000 }), person: fc.integer({ min: 0, max: 3 }), cv: fc.integer({ min: 2, max: 9 }), electric: fc.boolean() }), { minLength: 1, maxLength: 40 }),
        (raw) => {
          const trips: Trip[] = raw.map((r, i) => ({ id: `t${String(i).padStart(3, '0')}`, date: '2025-05-05', km: r.km / 10, personKey: `person:${r.person}`, vehicle: { fiscalHorsepower: r.cv, electric: r.electric } }));
          const { shares, groups } = valueTrips(figures, trips);
          const total = [...shares.values()].reduce((s, x) => s + x, 0);
          expect(total).toBe(groups.reduce((s, g) => s + g.yearlyCents, 0));
          for (const g of groups) expect(g.yearlyCents).toBe(yearlyMileageCents(grid, g.totalKm, g.vehicle).cents);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a year before the grid is refused in French', () => {
    expect(() => valueTrips(figures, [{ id: 'x', date: '2022-06-01', km: 10, personKey: 'name:x', vehicle: thermal(5) }])).toThrow(/Aucun barème kilométrique connu pour 2022/);
  });
});

describe('volunteer time and the SMIC', () => {
  it('hours in December 2025 and January 2026 are valued with the SMIC of their day', () => {
    expect(timeValueCents(figures, '2025-12-31', 10, 'execution')).toBe(11_880);
    expect(timeValueCents(figures, '2026-01-01', 10, 'execution')).toBe(12_020);
  });
  it('the level multiplier and the charged coefficient multiply the SMIC, rounded once', () => {
    expect(timeValueCents(figures, '2025-06-01', 10, 'supervision')).toBe(23_760);
    expect(timeValueCents(figures, '2025-06-01', 10, 'expertise')).toBe(35_640);
    expect(timeValueCents({ ...figures, chargedCoefficient: 1.45 }, '2025-06-01', 2.5, 'execution')).toBe(4307); // 2,5 × 11,88 × 1,45 = 43,065 €
  });
  it('earlier SMIC values are kept: October 2024 is 11,65 €', () => {
    expect(timeValueCents(figures, '2024-10-31', 1, 'execution')).toBe(1165);
    expect(timeValueCents(figures, '2024-11-01', 1, 'execution')).toBe(1188);
  });
  it('a day with no known SMIC is refused with a French message', () => {
    try {
      timeValueCents(figures, '2019-05-01', 1, 'execution');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(422);
      expect((err as AppError).message).toMatch(/Aucun SMIC horaire connu au 2019-05-01/);
    }
  });
});

describe('in-kind at the public rate', () => {
  const room = { id: 'r1', name: 'Grande salle', rates: [{ unit: 'day' as const, amountCents: 12_000, audience: 'public' as const }, { unit: 'day' as const, amountCents: 6000, audience: 'network' as const }, { unit: 'hour' as const, amountCents: 1500, audience: 'member' as const }] };
  it('takes the public rate, never the network one', () => {
    const rate = publicRateFor(room, 'day', '2025-04-02');
    expect(rate.amountCents).toBe(12_000);
    expect(lentValueCents(rate, 1.5)).toBe(18_000);
  });
  it('refuses a unit without a public rate, saying which rates exist', () => {
    expect(() => publicRateFor(room, 'hour', '2025-04-02')).toThrow(/n’a pas de tarif public de l’heure au 02\/04\/2025 \(tarifs publics publiés : 120,00\s€ la journée\)/);
  });
  it('uses the version of the record in force on the day of the loan', () => {
    const v1 = { at: '2025-01-10T09:00:00.000Z', resource: { ...room, rates: [{ unit: 'day' as const, amountCents: 10_000, audience: 'public' as const }] } };
    const v2 = { at: '2025-06-01T09:00:00.000Z', resource: room };
    expect(versionOn([v2, v1], '2025-03-01')).toEqual({ version: v1, publishedLater: false });
    expect(versionOn([v2, v1], '2025-06-01').version).toBe(v2);
    expect(versionOn([v2, v1], '2024-12-01')).toEqual({ version: v1, publishedLater: true });
  });
});

describe('money rules', () => {
  it('largest remainder keeps the total and gives the leftover cents to the largest remainders', () => {
    expect(largestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainder(10, [5, 3, 2])).toEqual([5, 3, 2]);
    expect(largestRemainder(7, [0, 0])).toEqual([0, 0]);
  });
  it('rounds half up without binary noise', () => {
    expect(roundCents(1.005 * 100)).toBe(101);
    expect(roundCents(4306.5)).toBe(4307);
  });
});
