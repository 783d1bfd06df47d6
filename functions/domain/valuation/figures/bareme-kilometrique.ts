/**
 * Barème kilométrique for cars (« voitures »), the grid in force since the 2023 incomes
 * and kept unchanged for 2024 and 2025 (BOI-BAREME-000001, barème publié pour les revenus 2023 et reconduit),
 * with the 20 % increase for electric vehicles. Official figure, one data module.
 *
 * The band is chosen by the distance d travelled over the calendar year:
 *   d ≤ 5 000 km : d × a        5 001 – 20 000 km : d × b + c        d > 20 000 km : d × e
 * Rates are kept in thousandths of a euro per km and the fixed part in cents, so the
 * arithmetic stays in integers until the single rounding to the cent (see mileage.ts).
 */
export interface MileageGridRow {
  /** Fiscal horsepower of the row: 3 means « 3 CV et moins », 7 means « 7 CV et plus ». */
  cv: 3 | 4 | 5 | 6 | 7;
  upTo5000: { perKmMillis: number };
  from5001To20000: { perKmMillis: number; fixedCents: number };
  over20000: { perKmMillis: number };
}

export interface MileageGrid {
  /** First day the grid applies to (distances travelled from that day). */
  from: string;
  source: string;
  /** Increase for electric vehicles, on the whole amount. */
  electricBonusPercent: number;
  rows: MileageGridRow[];
}

export const BAREME_KILOMETRIQUE_VOITURES: readonly MileageGrid[] = [
  {
    from: '2023-01-01',
    source: 'Barème kilométrique des voitures (BOI-BAREME-000001), revenus 2023, reconduit pour 2024 et 2025 ; +20 % pour les véhicules électriques',
    electricBonusPercent: 20,
    rows: [
      { cv: 3, upTo5000: { perKmMillis: 529 }, from5001To20000: { perKmMillis: 316, fixedCents: 106_500 }, over20000: { perKmMillis: 370 } },
      { cv: 4, upTo5000: { perKmMillis: 606 }, from5001To20000: { perKmMillis: 340, fixedCents: 133_000 }, over20000: { perKmMillis: 407 } },
      { cv: 5, upTo5000: { perKmMillis: 636 }, from5001To20000: { perKmMillis: 357, fixedCents: 139_500 }, over20000: { perKmMillis: 427 } },
      { cv: 6, upTo5000: { perKmMillis: 665 }, from5001To20000: { perKmMillis: 374, fixedCents: 145_700 }, over20000: { perKmMillis: 447 } },
      { cv: 7, upTo5000: { perKmMillis: 697 }, from5001To20000: { perKmMillis: 394, fixedCents: 151_500 }, over20000: { perKmMillis: 470 } },
    ],
  },
];

/** The grid row of a fiscal horsepower (≤ 3 → 3, ≥ 7 → 7). */
export function gridRowFor(grid: MileageGrid, fiscalHorsepower: number): MileageGridRow {
  const cv = Math.min(7, Math.max(3, Math.round(fiscalHorsepower)));
  const row = grid.rows.find((r) => r.cv === cv);
  if (!row) throw new Error(`mileage grid ${grid.from} has no ${cv} CV row`);
  return row;
}
