/**
 * The year's valuation report, from valued contributions (pure). Every amount is a sum of
 * already-rounded lines, so the totals, the budget lines, the months, places and projects
 * all add up to the same cents.
 */
import { CERFA_SOURCE, SOURCE_LINES, USE_LINES, type SourceLine, type UseLine } from './figures/budget-lines.js';
import { mileageGridFor } from './mileage.js';
import type { ValuedContribution } from './value-contributions.js';
import type { ValuationFigures } from '../../../schemas/valuation-settings.js';
import type { ReportAmounts, ValuationReport } from '../../../schemas/valuation-report.js';

export const ROUNDING_NOTE =
  'Montants en centimes, arrondis une fois par ligne au centime le plus proche : chaque contribution en temps ou en nature ; pour les kilomètres, le montant annuel de chaque personne et véhicule, ensuite réparti entre ses trajets au prorata des km (plus forts restes), si bien que les parts font le total annuel au centime près.';

function zero(): ReportAmounts {
  return { hours: 0, km: 0, timeValueCents: 0, mileageValueCents: 0, inKindValueCents: 0, totalCents: 0 };
}

/** Hours and km are summed in hundredths so that 0,1 + 0,2 stays 0,3. */
function add(a: ReportAmounts, v: ValuedContribution): void {
  const c = v.contribution;
  if (c.hours) a.hours = Math.round((a.hours + c.hours) * 100) / 100;
  if (c.km) a.km = Math.round((a.km + c.km) * 100) / 100;
  if (v.category === 'time') a.timeValueCents += v.valueCents;
  else if (v.category === 'mileage') a.mileageValueCents += v.valueCents;
  else a.inKindValueCents += v.valueCents;
  a.totalCents += v.valueCents;
}

function groupBy<K>(valued: readonly ValuedContribution[], key: (v: ValuedContribution) => K): Map<K, ReportAmounts> {
  const out = new Map<K, ReportAmounts>();
  for (const v of valued) {
    const k = key(v);
    let a = out.get(k);
    if (!a) out.set(k, (a = zero()));
    add(a, v);
  }
  return out;
}

export interface ReportInput {
  year: number;
  placeId?: string;
  project?: string;
  /** Valued contributions of the year, already filtered (place, project) and without archived ones. */
  valued: readonly ValuedContribution[];
  figures: ValuationFigures;
  placeName: (placeId: string) => string;
}

export function buildValuationReport(input: ReportInput): ValuationReport {
  const { year, valued, figures } = input;
  const totals = zero();
  for (const v of valued) add(totals, v);

  const use = new Map<UseLine, number>(Object.keys(USE_LINES).map((k) => [k as UseLine, 0]));
  const source = new Map<SourceLine, number>(Object.keys(SOURCE_LINES).map((k) => [k as SourceLine, 0]));
  for (const v of valued) {
    const line = figures.lines[v.category];
    use.set(line.use, use.get(line.use)! + v.valueCents);
    source.set(line.source, source.get(line.source)! + v.valueCents);
  }
  const lines = [
    ...[...use].map(([code, amountCents]) => ({ code, class: '86' as const, label: USE_LINES[code], amountCents })),
    ...[...source].map(([code, amountCents]) => ({ code, class: '87' as const, label: SOURCE_LINES[code], amountCents })),
  ];

  const months = groupBy(valued, (v) => v.contribution.date.slice(0, 7));
  const byMonth = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return { month, ...(months.get(month) ?? zero()) };
  });
  const byPlace = [...groupBy(valued, (v) => v.contribution.placeId)]
    .map(([placeId, a]) => ({ placeId, placeName: input.placeName(placeId), ...a }))
    .sort((a, b) => b.totalCents - a.totalCents || a.placeName.localeCompare(b.placeName, 'fr'));
  const byProject = [...groupBy(valued, (v) => v.contribution.project ?? null)]
    .map(([project, a]) => ({ project, ...a }))
    .sort((a, b) => b.totalCents - a.totalCents || String(a.project).localeCompare(String(b.project), 'fr'));
  const byActivity = [...groupBy(valued, (v) => v.contribution.activity)]
    .map(([activity, a]) => ({ activity, ...a }))
    .sort((a, b) => b.totalCents - a.totalCents || a.activity.localeCompare(b.activity, 'fr'));

  const inKind = new Map<string, ValuationReport['inKindByResource'][number]>();
  for (const v of valued) {
    if (v.category !== 'resource' && v.category !== 'explicit') continue;
    const c = v.contribution;
    const key = c.resourceId ? `${c.resourceId}|${c.unit}` : `explicit|${c.activity}`;
    const row = inKind.get(key) ?? { resourceId: c.resourceId ?? null, name: c.lent?.resourceName ?? c.activity, quantity: 0, unit: c.unit ?? null, valueCents: 0 };
    row.quantity = Math.round((row.quantity + (c.quantity ?? 1)) * 100) / 100;
    row.valueCents += v.valueCents;
    inKind.set(key, row);
  }

  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const smic = figures.smicHourly.filter((e, i, all) => e.from <= last && (all[i + 1]?.from ?? '9999') > first);
  let grid: ValuationReport['figures']['mileageGrid'] = null;
  try {
    const g = mileageGridFor(figures, year);
    grid = { from: g.from, source: g.source, electricBonusPercent: g.electricBonusPercent };
  } catch {
    grid = null; // no grid for that year: no mileage can have been valued either
  }
  return {
    year,
    ...(input.placeId ? { placeId: input.placeId } : {}),
    ...(input.project ? { project: input.project } : {}),
    contributions: valued.length,
    ...totals,
    lines,
    total86Cents: [...use.values()].reduce((s, x) => s + x, 0),
    total87Cents: [...source.values()].reduce((s, x) => s + x, 0),
    byMonth,
    byPlace,
    byProject,
    byActivity,
    inKindByResource: [...inKind.values()].sort((a, b) => b.valueCents - a.valueCents),
    figures: {
      smic,
      chargedCoefficient: figures.chargedCoefficient,
      levelMultipliers: figures.levelMultipliers,
      mileageGrid: grid,
      lines: figures.lines,
      budget: CERFA_SOURCE,
      rounding: ROUNDING_NOTE,
    },
  };
}
