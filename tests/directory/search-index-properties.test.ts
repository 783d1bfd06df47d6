/**
 * The resource index against the plainest possible search: at 20,000 resources, for a
 * few hundred random searches, the index answers exactly what a filter over every
 * record answers — same items, in the same order (id order; nearest first, then id,
 * with `near`). The directory is built in memory through the same `apply` the snapshot
 * uses, then edited (renames, moves, archives) so the incremental updates are checked too.
 * A second index is started from the compact artifact of the first (before the edits),
 * then given the same edits: its base postings and the changes on top of them are checked
 * the same way, and so is a third one started from the artifact of that edited index.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DirectoryIndex } from '../../functions/domain/directory/index/directory-index.js';
import { indexFromArtifact, serializeIndex } from '../../functions/domain/directory/index-artifact.js';
import { resourceFilter, type ResourceSearch } from '../../functions/domain/directory/search-resources.js';
import { distanceKm } from '../../functions/domain/directory/geo.js';
import { normalizeText, searchTokens } from '../../functions/domain/directory/text.js';
import { categoryCode, categoryLabel } from '../../schemas/resource-categories.js';
import { newId } from '../../functions/domain/ids.js';
import type { Place } from '../../schemas/place.js';
import type { Resource, RateUnit, ResourceKind } from '../../schemas/resource.js';

const WORDS = ['atelier', 'bois', 'boisé', 'salle', 'réunion', 'Périgueux', 'Bergerac', 'vélo', 'cargo', 'perceuse', 'colonne', 'jardin', 'cuisine', 'studio', 'son', 'sonorisation', 'laser', 'découpeuse', 'couture', 'grainothèque', 'l’établi', 'Sarlat-la-Canéda'];
const COMMUNES = [
  { commune: 'Périgueux', lat: 45.184, lon: 0.721 },
  { commune: 'Bergerac', lat: 44.853, lon: 0.483 },
  { commune: 'Sarlat-la-Canéda', lat: 44.889, lon: 1.216 },
  { commune: 'Nontron', lat: 45.529, lon: 0.662 },
];
const KINDS: ResourceKind[] = ['space', 'equipment', 'other'];
const CATEGORIES = ['desk', 'meeting_room', 'workshop', 'tool', 'sound', 'vehicle', 'Atelier Bois'];
const UNITS: RateUnit[] = ['hour', 'half_day', 'day', 'week'];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const META = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

function buildDirectory(resources: number) {
  const rnd = rng(15);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  let clock = 1_750_000_000_000;
  const places: Place[] = Array.from({ length: 300 }, (_, i) => {
    const c = pick(COMMUNES);
    return {
      ...META,
      id: newId(clock++),
      version: 1,
      name: `${words(2)} ${i}`,
      address: { postcode: '24000', commune: c.commune },
      // A few places share one position exactly (ties in distance); some have none.
      location: i % 37 === 0 ? undefined : i % 11 === 0 ? { lat: c.lat, lon: c.lon } : { lat: +(c.lat + (rnd() - 0.5) * 0.3).toFixed(4), lon: +(c.lon + (rnd() - 0.5) * 0.3).toFixed(4) },
      tags: [],
      membership: 'member',
      ...(i % 53 === 0 ? { archivedAt: META.createdAt } : {}),
    } as Place;
  });
  const resourceList: Resource[] = Array.from({ length: resources }, (_, i) => {
    const kind = pick(KINDS);
    return {
      ...META,
      id: newId(clock++),
      version: 1,
      placeId: pick(places).id,
      kind,
      category: pick(CATEGORIES),
      name: `${words(2)} ${i}`,
      description: rnd() < 0.5 ? words(4) : undefined,
      capacity: kind === 'space' ? Math.floor(rnd() * 40) : undefined,
      surfaceM2: kind === 'space' && rnd() < 0.8 ? 10 + Math.floor(rnd() * 100) : undefined,
      quantity: 1,
      uses: rnd() < 0.5 ? [words(1)] : [],
      rates: rnd() < 0.8 ? [{ unit: pick(UNITS), amountCents: 100 * Math.floor(rnd() * 100), audience: 'public' as const }] : [],
      sharing: kind === 'equipment' ? { lendable: rnd() < 0.5 } : undefined,
      ...(rnd() < 0.03 ? { archivedAt: META.createdAt } : {}),
    } as Resource;
  });
  return { places, resources: resourceList, rnd, pick, words };
}

const categories = new Map<string, string>();
const normalizedCategory = (c: string) => categories.get(c) ?? categories.set(c, normalizeText(c)).get(c)!;

const tokenCache = new Map<string, { r: Resource; p: Place; tokens: string[] }>();
/** A record's words (cached only to keep the test fast: recomputed when the record or its place changes). */
function tokensOf(r: Resource, p: Place): string[] {
  const hit = tokenCache.get(r.id);
  if (hit && hit.r === r && hit.p === p) return hit.tokens;
  const tokens = searchTokens([r.name, r.description ?? '', r.category, categoryLabel(r.category), r.uses.join(' '), p.name, p.address.commune].join(' '));
  tokenCache.set(r.id, { r, p, tokens });
  return tokens;
}

/** The specification: every record tested against every filter, then sorted. */
function bruteForce(places: Map<string, Place>, resources: Map<string, Resource>, s: Omit<ResourceSearch, 'limit' | 'cursor'>, need: number) {
  const terms = [...new Set(searchTokens(s.q ?? ''))];
  const category = s.category !== undefined ? normalizeText(categoryCode(s.category)) : undefined;
  const out: { id: string; distance?: number }[] = [];
  for (const r of resources.values()) {
    const place = places.get(r.placeId);
    if (r.archivedAt || !place || place.archivedAt) continue;
    if (s.kind && r.kind !== s.kind) continue;
    if (category !== undefined && normalizedCategory(r.category) !== category) continue;
    if (s.placeId && r.placeId !== s.placeId) continue;
    if (s.commune !== undefined && normalizeText(place.address.commune) !== normalizeText(s.commune)) continue;
    if (s.minCapacity !== undefined && (r.capacity ?? 0) < s.minCapacity) continue;
    if (s.minSurfaceM2 !== undefined && (r.surfaceM2 ?? 0) < s.minSurfaceM2) continue;
    if (s.lendable !== undefined && (r.sharing?.lendable ?? false) !== s.lendable) continue;
    if (s.maxRateCents !== undefined && !r.rates.some((x) => (!s.rateUnit || x.unit === s.rateUnit) && x.amountCents <= s.maxRateCents!)) continue;
    if (terms.length) {
      const tokens = tokensOf(r, place);
      if (!terms.every((t) => tokens.some((w) => w.startsWith(t)))) continue;
    }
    let distance: number | undefined;
    if (s.near) {
      if (!place.location) continue;
      distance = distanceKm(s.near, place.location);
      if (s.radiusKm !== undefined && distance > s.radiusKm) continue;
    }
    out.push({ id: r.id, distance });
  }
  out.sort((a, b) => (s.near ? a.distance! - b.distance! : 0) || (a.id < b.id ? -1 : 1));
  return out.slice(0, need);
}

const searchArb = (placeIds: string[]) =>
  fc.record(
    {
      kind: fc.constantFrom(...KINDS),
      category: fc.constantFrom(...CATEGORIES, 'atelier bois', 'inconnue'),
      placeId: fc.constantFrom(...placeIds.slice(0, 20)),
      commune: fc.constantFrom(...COMMUNES.map((c) => c.commune), 'SARLAT-LA-CANEDA', 'Nulle-Part'),
      q: fc.oneof(
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
        fc.tuple(fc.constantFrom(...WORDS), fc.integer({ min: 1, max: 4 })).map(([w, n]) => w.slice(0, n)),
        fc.integer({ min: 0, max: 19_999 }).map(String),
        fc.constantFrom('  ', '—', 'ATELIER  Bois', 'perigueux', 'zzz'),
      ),
      near: fc.record({ lat: fc.double({ min: 44.7, max: 45.6, noNaN: true }), lon: fc.double({ min: 0.3, max: 1.4, noNaN: true }) }),
      radiusKm: fc.double({ min: 0.5, max: 60, noNaN: true }),
      minCapacity: fc.integer({ min: 0, max: 40 }),
      minSurfaceM2: fc.integer({ min: 0, max: 110 }),
      lendable: fc.boolean(),
      maxRateCents: fc.integer({ min: 0, max: 10_000 }),
      rateUnit: fc.constantFrom(...UNITS),
    },
    { requiredKeys: [] },
  );

describe('the resource index at 20,000 resources', () => {
  const { places, resources, rnd, pick, words } = buildDirectory(20_000);
  const index = new DirectoryIndex();
  for (const p of places) index.apply('place', p);
  for (const r of resources) index.apply('resource', r);
  const fromArtifact = indexFromArtifact(serializeIndex(index));
  const indexes = [index, fromArtifact];
  // Then edits, one record at a time, as a catch-up applies them.
  const placeMap = new Map(places.map((p) => [p.id, p]));
  const resourceMap = new Map(resources.map((r) => [r.id, r]));
  for (let i = 0; i < 800; i++) {
    const r = pick(resources);
    const current = resourceMap.get(r.id)!;
    const edit = i % 4 === 0 ? { name: `${words(2)} édité` } : i % 4 === 1 ? { placeId: pick(places).id } : i % 4 === 2 ? { kind: pick(KINDS), category: pick(CATEGORIES) } : { archivedAt: rnd() < 0.5 ? META.createdAt : undefined };
    const next = { ...current, ...edit, version: current.version + 1 } as Resource;
    resourceMap.set(r.id, next);
    for (const x of indexes) x.apply('resource', next);
  }
  for (let i = 0; i < 60; i++) {
    const p = placeMap.get(pick(places).id)!;
    const c = pick(COMMUNES);
    const next = { ...p, name: i % 2 ? `${words(2)} renommé` : p.name, address: { ...p.address, commune: c.commune }, location: i % 3 ? { lat: c.lat + (rnd() - 0.5) * 0.2, lon: c.lon } : p.location, version: p.version + 1 } as Place;
    placeMap.set(p.id, next);
    for (const x of indexes) x.apply('place', next);
  }

  // And the artifact of the edited one (base words, changed words and archives written back).
  indexes.push(indexFromArtifact(serializeIndex(fromArtifact)));

  it('answers like a filter over every record, for a few hundred random searches', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(searchArb(places.map((p) => p.id)), fc.integer({ min: 1, max: 80 }), (s, need) => {
        const expected = bruteForce(placeMap, resourceMap, s, need);
        for (const x of indexes) {
          const got = x.resourceIndex.search(resourceFilter(s), need).map((m) => ({ id: m.facts.id, distance: m.distance }));
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: 200, seed: 15, endOnFailure: true },
    );
  });

  it('the artifact holds every indexed resource, and its base serves the rare words', () => {
    expect(fromArtifact.resourceIndex.size).toBe(index.resourceIndex.size);
    expect(fromArtifact.resourceRecords.holdsAll).toBe(false);
    const rare = resources.find((r) => !r.archivedAt && resourceMap.get(r.id) === r && !placeMap.get(r.placeId)!.archivedAt)!;
    const n = rare.name.split(' ').at(-1)!;
    expect(fromArtifact.resourceIndex.search(resourceFilter({ q: n }), 50).map((m) => m.facts.id)).toContain(rare.id);
  });

  it('the common searches find something (the comparison is not between two empty lists)', () => {
    expect(index.resourceIndex.search(resourceFilter({ q: 'atelier bois' }), 50)).toHaveLength(50);
    expect(index.resourceIndex.search(resourceFilter({ near: { lat: 45.18, lon: 0.72 }, radiusKm: 10 }), 50)).toHaveLength(50);
    expect(index.resourceIndex.search(resourceFilter({ q: '12345' }), 50).length).toBeGreaterThan(0);
  });
});
