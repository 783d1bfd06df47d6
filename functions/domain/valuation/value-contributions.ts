/**
 * Values contributions with the dated figures: time at the SMIC of its day, mileage as shares
 * of each person's yearly barème amount, a resource lent at the value fixed when it was
 * recorded, an explicit in-kind value as given. Pure: the same contributions and figures
 * always give the same cents.
 */
import { valueTrips, type MileageGroup, type Trip } from './mileage.js';
import { timeValueCents } from './time-value.js';
import type { ContributionCategory } from './figures/budget-lines.js';
import type { Contribution } from '../../../schemas/contribution.js';
import type { ValuationFigures } from '../../../schemas/valuation-settings.js';
import { normalizeText } from '../directory/text.js';

export interface ValuedContribution {
  contribution: Contribution;
  category: ContributionCategory;
  valueCents: number;
}

/** Who a contribution is from, for the yearly mileage total. */
export function personKeyOf(c: Pick<Contribution, 'personId' | 'volunteerName'>): string {
  return c.personId ? `person:${c.personId}` : `name:${normalizeText(c.volunteerName ?? '')}`;
}

export function categoryOf(c: Contribution): ContributionCategory {
  if (c.kind === 'time') return 'time';
  if (c.kind === 'mileage') return 'mileage';
  return c.resourceId ? 'resource' : 'explicit';
}

/**
 * Values every contribution given. For mileage to be right, pass ALL of a person's mileage
 * contributions of the year (the band depends on the yearly total), then filter the result.
 */
export function valueContributions(figures: ValuationFigures, contributions: readonly Contribution[]): { valued: ValuedContribution[]; mileageGroups: MileageGroup[] } {
  const trips: Trip[] = contributions
    .filter((c) => c.kind === 'mileage' && !c.archivedAt)
    .map((c) => ({ id: c.id, date: c.date, km: c.km!, personKey: personKeyOf(c), vehicle: c.vehicle! }));
  const { shares, groups } = valueTrips(figures, trips);
  const valued = contributions.map((c): ValuedContribution => {
    const category = categoryOf(c);
    let valueCents: number;
    if (category === 'time') valueCents = timeValueCents(figures, c.date, c.hours!, c.level ?? 'execution');
    else if (category === 'mileage') valueCents = shares.get(c.id) ?? 0;
    else if (category === 'resource') valueCents = c.lent?.valueCents ?? 0;
    else valueCents = c.valueCents ?? 0;
    return { contribution: c, category, valueCents };
  });
  return { valued, mileageGroups: groups };
}
