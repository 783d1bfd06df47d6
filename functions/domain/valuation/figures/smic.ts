/**
 * SMIC brut horaire (French statutory minimum wage, gross, per hour), by effective date.
 * Official figure; one data module so that a past year is valued with that year's figures.
 *
 * Source: the décrets « portant relèvement du salaire minimum de croissance » published in
 * the Journal officiel (values as summarised by INSEE, « SMIC horaire brut », and by the
 * ministry of labour). Only values known with certainty are listed; a day before the first
 * one is refused rather than guessed.
 */
export interface SmicEntry {
  /** First day (YYYY-MM-DD) the value applies. */
  from: string;
  /** Gross hourly SMIC, in cents. */
  hourlyCents: number;
  source: string;
}

export const SMIC_BRUT_HORAIRE: readonly SmicEntry[] = [
  { from: '2021-01-01', hourlyCents: 1025, source: 'Décret n° 2020-1598 du 16 décembre 2020' },
  { from: '2021-10-01', hourlyCents: 1048, source: 'Relèvement automatique au 1er octobre 2021 (arrêté publié au Journal officiel)' },
  { from: '2022-01-01', hourlyCents: 1057, source: 'Décret n° 2021-1741 du 22 décembre 2021' },
  { from: '2022-05-01', hourlyCents: 1085, source: 'Relèvement automatique au 1er mai 2022 (arrêté publié au Journal officiel)' },
  { from: '2022-08-01', hourlyCents: 1107, source: 'Relèvement anticipé au 1er août 2022 (arrêté publié au Journal officiel)' },
  { from: '2023-01-01', hourlyCents: 1127, source: 'Décret n° 2022-1608 du 22 décembre 2022' },
  { from: '2023-05-01', hourlyCents: 1152, source: 'Relèvement automatique au 1er mai 2023 (arrêté publié au Journal officiel)' },
  { from: '2024-01-01', hourlyCents: 1165, source: 'Décret n° 2023-1216 du 20 décembre 2023' },
  { from: '2024-11-01', hourlyCents: 1188, source: 'Décret n° 2024-951 du 23 octobre 2024' },
  { from: '2026-01-01', hourlyCents: 1202, source: 'Décret de décembre 2025 portant relèvement du SMIC au 1er janvier 2026' },
];

/** The entry in force on `day`, from a list sorted by `from` (undefined before the first). */
export function smicOn<T extends { from: string }>(entries: readonly T[], day: string): T | undefined {
  let found: T | undefined;
  for (const e of entries) if (e.from <= day && (!found || e.from >= found.from)) found = e;
  return found;
}
