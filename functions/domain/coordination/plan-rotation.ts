/**
 * The rotating coordinator's plan (pure, deterministic). Primary course:
 * 1. slots = working days × maxPlacesPerDay (a place is visited at most once a day);
 * 2. visits per place: when the slots allow, one each, and the slots left are shared in
 *    proportion to the weights by largest remainder (ties: the place first in id order),
 *    never more than one per day; with fewer slots than places, the heaviest places
 *    (then the nearest to the base) get one visit each;
 * 3. grouping, day by day: the most urgent place seeds the day and its nearest neighbours
 *    with visits left fill it (assignDays);
 * 4. each day's stops are ordered as the shortest tour from the base and back (tour.ts).
 */
import { bestTour, roadKm, tourKm, ROAD_FACTOR, type Point } from './tour.js';
import { largestRemainder } from '../valuation/money.js';

export interface PlannedPlace extends Point {
  name: string;
  weight: number;
}

export interface RotationPlanInput {
  base: Point & { name: string };
  places: readonly PlannedPlace[];
  days: readonly string[];
  maxPlacesPerDay: number;
  roadFactor?: number;
}

export interface RotationPlan {
  roadFactor: number;
  totalKm: number;
  visitsPerPlace: { placeId: string; placeName: string; weight: number; visits: number }[];
  days: { date: string; km: number; stops: { placeId: string; placeName: string }[] }[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Weights as integers (hundredths) so the apportionment is exact. */
function intWeights(places: readonly PlannedPlace[]): number[] {
  return places.map((p) => Math.round(p.weight * 100));
}

/** Visits per place (same order as `places`, sorted by id). */
export function apportionVisits(places: readonly PlannedPlace[], slots: number, maxPerPlace: number, base: Point): number[] {
  const n = places.length;
  if (n === 0 || slots <= 0) return places.map(() => 0);
  if (slots < n) {
    const chosen = places
      .map((p, i) => ({ i, w: p.weight, d: roadKm(base, p) }))
      .sort((a, b) => b.w - a.w || a.d - b.d || a.i - b.i)
      .slice(0, slots);
    const out = places.map(() => 0);
    for (const c of chosen) out[c.i] = 1;
    return out;
  }
  const counts = places.map(() => 1);
  let left = Math.min(slots, n * maxPerPlace) - n;
  const weights = intWeights(places);
  // Share what is left by largest remainder; a place full (one visit a day) gives its share back.
  while (left > 0) {
    const open = counts.map((c, i) => (c < maxPerPlace ? weights[i]! : 0));
    if (open.every((w) => w === 0)) {
      // Remaining places all have weight 0: fill them one by one in id order.
      const i = counts.findIndex((c) => c < maxPerPlace);
      if (i < 0) break;
      counts[i]! += 1;
      left -= 1;
      continue;
    }
    const extra = largestRemainder(left, open);
    let given = 0;
    extra.forEach((e, i) => {
      const room = maxPerPlace - counts[i]!;
      const g = Math.min(room, e);
      counts[i]! += g;
      given += g;
    });
    left -= given;
    if (given === 0) break;
  }
  return counts;
}

function bearing(base: Point, p: Point): number {
  const rad = Math.PI / 180;
  const y = Math.sin((p.lon - base.lon) * rad) * Math.cos(p.lat * rad);
  const x = Math.cos(base.lat * rad) * Math.sin(p.lat * rad) - Math.sin(base.lat * rad) * Math.cos(p.lat * rad) * Math.cos((p.lon - base.lon) * rad);
  return (Math.atan2(y, x) / rad + 360) % 360;
}

/**
 * Day by day, the places to visit: every place whose visits left equal the days left must be
 * visited today (so no visit is ever lost: with visits ≤ days × M and at most one per place per
 * day, this keeps a solution possible); the most urgent place (visits left / days left, then
 * bearing from the base) seeds the day and the nearest places with visits left fill it up to M.
 */
export function assignDays(base: Point, places: readonly PlannedPlace[], counts: readonly number[], dayCount: number, M: number): PlannedPlace[][] {
  const left = [...counts];
  const angle = places.map((p) => bearing(base, p));
  const groups: PlannedPlace[][] = [];
  for (let d = 0; d < dayCount; d++) {
    const daysLeft = dayCount - d;
    const active = places.map((_, i) => i).filter((i) => left[i]! > 0);
    if (active.length === 0) {
      groups.push([]);
      continue;
    }
    active.sort((a, b) => left[b]! - left[a]! || angle[a]! - angle[b]! || byId(places[a]!, places[b]!));
    const must = active.filter((i) => left[i]! >= daysLeft);
    const seed = must[0] ?? active[0]!;
    const chosen = [seed, ...must.filter((i) => i !== seed)];
    const near = active
      .filter((i) => !chosen.includes(i))
      .sort((a, b) => roadKm(places[seed]!, places[a]!) - roadKm(places[seed]!, places[b]!) || byId(places[a]!, places[b]!));
    for (const i of near) {
      if (chosen.length >= M) break;
      chosen.push(i);
    }
    for (const i of chosen) left[i]! -= 1;
    groups.push(chosen.map((i) => places[i]!));
  }
  return groups;
}

export function planRotation(input: RotationPlanInput): RotationPlan {
  const roadFactor = input.roadFactor ?? ROAD_FACTOR;
  const days = [...new Set(input.days)].sort();
  const places = [...input.places].sort(byId);
  const M = input.maxPlacesPerDay;
  const counts = apportionVisits(places, days.length * M, days.length, input.base);

  const groups = assignDays(input.base, places, counts, days.length, M);
  const planned = days.map((date, d) => {
    const stops = bestTour(input.base, groups[d] ?? [], roadFactor) as PlannedPlace[];
    return { date, km: round1(tourKm(input.base, stops, roadFactor)), stops: stops.map((s) => ({ placeId: s.id, placeName: s.name })) };
  });
  return {
    roadFactor,
    totalKm: round1(planned.reduce((s, d) => s + d.km, 0)),
    visitsPerPlace: places.map((p) => ({ placeId: p.id, placeName: p.name, weight: p.weight, visits: planned.filter((d) => d.stops.some((x) => x.placeId === p.id)).length })),
    days: planned,
  };
}
