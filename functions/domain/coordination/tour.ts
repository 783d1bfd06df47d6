/**
 * A day's tour from the base and back: exact (every order tried) up to EXACT_MAX stops,
 * nearest neighbour improved by 2-opt beyond. Distances are great-circle × the road factor.
 */
import { distanceKm } from '../directory/geo.js';

export interface Point {
  id: string;
  lat: number;
  lon: number;
}

export const ROAD_FACTOR = 1.3;
export const EXACT_MAX = 8;

export function roadKm(a: Point, b: Point, roadFactor = ROAD_FACTOR): number {
  return distanceKm(a, b) * roadFactor;
}

/** Length of base → stops (in this order) → base. */
export function tourKm(base: Point, stops: readonly Point[], roadFactor = ROAD_FACTOR): number {
  let km = 0;
  let at = base;
  for (const s of stops) {
    km += roadKm(at, s, roadFactor);
    at = s;
  }
  return stops.length ? km + roadKm(at, base, roadFactor) : 0;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  const out: T[][] = [];
  items.forEach((x, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/**
 * The shortest order. Stops are sorted by id first and the first strictly shorter order
 * wins, so equal tours always come out the same way (deterministic).
 */
export function bestTour(base: Point, stops: readonly Point[], roadFactor = ROAD_FACTOR): Point[] {
  const sorted = [...stops].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (sorted.length <= 1) return sorted;
  if (sorted.length <= EXACT_MAX) {
    let best = sorted;
    let bestKm = tourKm(base, sorted, roadFactor);
    for (const p of permutations(sorted)) {
      const km = tourKm(base, p, roadFactor);
      if (km < bestKm - 1e-9) {
        best = p;
        bestKm = km;
      }
    }
    return best;
  }
  // Nearest neighbour, then 2-opt until no reversal shortens the tour.
  const left = [...sorted];
  const route: Point[] = [];
  let at = base;
  while (left.length) {
    let k = 0;
    for (let i = 1; i < left.length; i++) if (roadKm(at, left[i]!) < roadKm(at, left[k]!)) k = i;
    at = left.splice(k, 1)[0]!;
    route.push(at);
  }
  for (let improved = true, rounds = 0; improved && rounds < 100; rounds++) {
    improved = false;
    for (let i = 0; i < route.length - 1; i++) {
      for (let j = i + 1; j < route.length; j++) {
        const candidate = [...route.slice(0, i), ...route.slice(i, j + 1).reverse(), ...route.slice(j + 1)];
        if (tourKm(base, candidate, roadFactor) < tourKm(base, route, roadFactor) - 1e-9) {
          route.splice(0, route.length, ...candidate);
          improved = true;
        }
      }
    }
  }
  return route;
}
