/**
 * Reading contributions with their value. A value depends on the whole year (a trip's
 * share of its driver's yearly barème amount), so reads load the year's contributions
 * (one Query on the year's index partition) and value them together.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { BadRequestError } from '../errors.js';
import { canSeePrivatePerson } from '../access.js';
import { listContributionsOfYear } from '../../../integrations/dynamodb/contribution-repository.js';
import { ContributionSchema, type Contribution, type ContributionView } from '../../../schemas/contribution.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { pageByOffset } from '../paging.js';
import { todayInParis } from '../mobility/periods.js';
import { readValuationSettings } from './settings.js';
import { valueContributions, type ValuedContribution } from './value-contributions.js';
import { contributionListScope, requireContributionReader } from './valuation-access.js';
import { loadContribution } from './contributions.js';
import type { ValuationFigures } from '../../../schemas/valuation-settings.js';

export interface ValuedYear {
  figures: ValuationFigures;
  /** Every contribution of the year, archived ones included (with value 0: they do not count). */
  all: Contribution[];
  /** The counted ones (not archived), valued. */
  valued: ValuedContribution[];
}

export async function valueYear(deps: Deps, year: number): Promise<ValuedYear> {
  const [figures, raw] = await Promise.all([readValuationSettings(deps), listContributionsOfYear(deps.table, year)]);
  const all = raw.map((r) => ContributionSchema.parse(r));
  const { valued } = valueContributions(figures, all.filter((c) => !c.archivedAt));
  return { figures, all, valued };
}

/** The name shown for a contribution's person: only with their consent, or to who manages them. */
export async function personNamer(deps: Deps, actor: Actor): Promise<(c: Contribution) => string | undefined> {
  const snapshot = await loadDirectorySnapshot(deps);
  const people = new Map(snapshot.people.map((p) => [p.id, p]));
  return (c) => {
    if (c.volunteerName) return c.volunteerName;
    const p = c.personId ? people.get(c.personId) : undefined;
    if (!p) return undefined;
    return p.publicProfile || canSeePrivatePerson(actor, p.homePlaceId) ? p.displayName : undefined;
  };
}

function toView(c: Contribution, value: number | undefined, name: string | undefined): ContributionView {
  return { ...c, ...(value !== undefined ? { valueCents: value } : {}), ...(name ? { personName: name } : {}) };
}

export async function getContributionView(deps: Deps, actor: Actor, id: string): Promise<ContributionView> {
  const c = await loadContribution(deps, id);
  requireContributionReader(actor, c.placeId);
  const year = await valueYear(deps, Number(c.date.slice(0, 4)));
  const value = year.valued.find((v) => v.contribution.id === id)?.valueCents;
  return toView(c, c.archivedAt ? undefined : value, (await personNamer(deps, actor))(c));
}

export interface ContributionFilters {
  from?: string;
  to?: string;
  placeId?: string;
  personId?: string;
  project?: string;
  kind?: Contribution['kind'];
  includeArchived?: 'true' | 'false';
  limit: number;
  cursor?: string;
}

/** GET /v1/contributions: by date; the current year when no bounds are given; 5 years at most. */
export async function listContributions(deps: Deps, actor: Actor, q: ContributionFilters): Promise<{ items: ContributionView[]; nextCursor?: string }> {
  const placeId = contributionListScope(actor, q.placeId);
  const thisYear = todayInParis(deps.now()).slice(0, 4);
  const from = q.from ?? (q.to ? `${q.to.slice(0, 4)}-01-01` : `${thisYear}-01-01`);
  const to = q.to ?? (q.from ? `${q.from.slice(0, 4)}-12-31` : `${thisYear}-12-31`);
  if (from > to) throw new BadRequestError(`« from » (${from}) doit précéder « to » (${to}).`);
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(to.slice(0, 4));
  if (lastYear - firstYear >= 5) throw new BadRequestError('Intervalle trop long : 5 années civiles au plus.');
  const nameOf = await personNamer(deps, actor);
  const out: ContributionView[] = [];
  for (let y = firstYear; y <= lastYear; y++) {
    const year = await valueYear(deps, y);
    const values = new Map(year.valued.map((v) => [v.contribution.id, v.valueCents]));
    for (const c of year.all) {
      if (c.date < from || c.date > to) continue;
      if (c.archivedAt && q.includeArchived !== 'true') continue;
      if (placeId && c.placeId !== placeId) continue;
      if (q.personId && c.personId !== q.personId) continue;
      if (q.project && c.project !== q.project) continue;
      if (q.kind && c.kind !== q.kind) continue;
      out.push(toView(c, values.get(c.id), nameOf(c)));
    }
  }
  return pageByOffset(out, q.limit, q.cursor);
}
