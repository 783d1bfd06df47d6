/**
 * The resources' search index, kept up to date one record at a time: applying a write
 * touches that record's entries (and, for a renamed place, its own resources) — never
 * the whole directory.
 * - id-ordered lists: every resource, per kind, per category, per place;
 * - words → ids (TextPostings) for rare words; each entry keeps its words as one string
 *   for the others;
 * - places by position (PlaceGeo) for `near`.
 * A search walks the smallest id-ordered list (or a rare word's hits, or the places
 * nearest first), tests every filter on each candidate and stops at the page's end.
 */
import { categoryLabel } from '../../../../schemas/resource-categories.js';
import type { Place } from '../../../../schemas/place.js';
import type { Resource, RateUnit, ResourceKind } from '../../../../schemas/resource.js';
import { matchesTerms, normalizeText, searchString, searchTokens } from '../text.js';
import { SortedPostings, insertSorted, removeSorted } from './sorted-ids.js';
import { TextPostings } from './text-postings.js';
import { PlaceGeo } from './place-geo.js';

export interface ResourceFilter {
  kind?: ResourceKind;
  /** Normalised. */
  category?: string;
  placeId?: string;
  /** Normalised query words. */
  terms: string[];
  near?: { lat: number; lon: number };
  radiusKm?: number;
  minCapacity?: number;
  minSurfaceM2?: number;
  lendable?: boolean;
  maxRateCents?: number;
  rateUnit?: RateUnit;
}

export interface ResourceMatch {
  resource: Resource;
  place: Place;
  distance?: number;
}

interface Entry {
  resource: Resource;
  words: string[];
  text: string;
  category: string;
}

/** A word with more postings than this is tested record by record instead. */
const RARE_WORD_POSTINGS = 4_000;

export function resourceWords(r: Resource, place: Place | undefined): string[] {
  // The category's French label too: « salle de formation » finds `training_room`.
  return [...new Set(searchTokens([r.name, r.description ?? '', r.category, categoryLabel(r.category), r.uses.join(' '), place?.name ?? '', place?.address.commune ?? ''].join(' ')))];
}

function cheapestRate(r: Resource, unit?: RateUnit): number | undefined {
  let best: number | undefined;
  for (const x of r.rates) if ((!unit || x.unit === unit) && (best === undefined || x.amountCents < best)) best = x.amountCents;
  return best;
}

export class ResourceIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly all: string[] = [];
  private readonly byKind = new SortedPostings();
  private readonly byCategory = new SortedPostings();
  private readonly byPlace = new SortedPostings();
  private readonly words = new TextPostings();
  readonly geo = new PlaceGeo();

  constructor(private readonly placeById: (id: string) => Place | undefined) {}

  get size(): number {
    return this.entries.size;
  }

  /** Indexes a resource (replacing its previous entry); archived resources leave the index. */
  put(r: Resource): void {
    const before = this.entries.get(r.id);
    if (r.archivedAt) {
      if (before) this.drop(before);
      return;
    }
    const words = resourceWords(r, this.placeById(r.placeId));
    const entry: Entry = { resource: r, words, text: searchString(words), category: normalizeText(r.category) };
    if (before) {
      // Only what changed is touched: an edit of a rate moves no posting.
      if (before.resource.kind !== r.kind) this.byKind.remove(before.resource.kind, r.id);
      if (before.category !== entry.category) this.byCategory.remove(before.category, r.id);
      if (before.resource.placeId !== r.placeId) this.byPlace.remove(before.resource.placeId, r.id);
      const now = new Set(words);
      const old = new Set(before.words);
      this.words.remove(r.id, before.words.filter((w) => !now.has(w)));
      this.words.add(r.id, words.filter((w) => !old.has(w)));
    } else {
      insertSorted(this.all, r.id);
      this.words.add(r.id, words);
    }
    this.byKind.add(r.kind, r.id);
    this.byCategory.add(entry.category, r.id);
    this.byPlace.add(r.placeId, r.id);
    this.entries.set(r.id, entry);
  }

  private drop(e: Entry): void {
    const id = e.resource.id;
    removeSorted(this.all, id);
    this.byKind.remove(e.resource.kind, id);
    this.byCategory.remove(e.category, id);
    this.byPlace.remove(e.resource.placeId, id);
    this.words.remove(id, e.words);
    this.entries.delete(id);
  }

  /** A place changed: its position, and its name and commune in its resources' words. */
  placeChanged(before: Place | undefined, after: Place): void {
    this.geo.set(after.id, after.location);
    if (before && before.name === after.name && before.address.commune === after.address.commune) return;
    for (const id of [...this.byPlace.get(after.id)]) this.put(this.entries.get(id)!.resource);
  }

  *resources(): Iterable<Resource> {
    for (const e of this.entries.values()) yield e.resource;
  }

  private accepts(e: Entry, f: ResourceFilter): Place | undefined {
    const r = e.resource;
    if (f.kind && r.kind !== f.kind) return undefined;
    if (f.category !== undefined && e.category !== f.category) return undefined;
    if (f.placeId && r.placeId !== f.placeId) return undefined;
    if (f.minCapacity !== undefined && (r.capacity ?? 0) < f.minCapacity) return undefined;
    if (f.minSurfaceM2 !== undefined && (r.surfaceM2 ?? 0) < f.minSurfaceM2) return undefined;
    if (f.lendable !== undefined && (r.sharing?.lendable ?? false) !== f.lendable) return undefined;
    if (f.maxRateCents !== undefined) {
      const rate = cheapestRate(r, f.rateUnit);
      if (rate === undefined || rate > f.maxRateCents) return undefined;
    }
    if (f.terms.length && !matchesTerms(e.text, f.terms)) return undefined;
    const place = this.placeById(r.placeId);
    if (!place || place.archivedAt) return undefined;
    return place;
  }

  /** Ids holding the rarest query word, sorted; undefined when every word is common. */
  private rareWordIds(terms: string[], cap: number): string[] | undefined {
    let best: Set<string> | undefined;
    for (const t of terms) {
      const ids = this.words.idsWithPrefix(t, Math.min(cap, best?.size ?? cap));
      if (ids && (!best || ids.size < best.size)) best = ids;
      if (best && best.size === 0) break;
    }
    return best ? [...best].sort() : undefined;
  }

  /** The first `need` matches: id order, or nearest first (then id) with `near`. */
  search(f: ResourceFilter, need: number): ResourceMatch[] {
    return f.near ? this.searchNear(f, f.near, need) : this.searchInOrder(f, need);
  }

  private searchInOrder(f: ResourceFilter, need: number): ResourceMatch[] {
    let list: readonly string[] = this.all;
    for (const candidate of [f.placeId ? this.byPlace.get(f.placeId) : undefined, f.category !== undefined ? this.byCategory.get(f.category) : undefined, f.kind ? this.byKind.get(f.kind) : undefined]) {
      if (candidate && candidate.length < list.length) list = candidate;
    }
    if (f.terms.length) {
      const rare = this.rareWordIds(f.terms, Math.min(RARE_WORD_POSTINGS, list.length));
      if (rare && rare.length < list.length) list = rare;
    }
    const out: ResourceMatch[] = [];
    for (const id of list) {
      const e = this.entries.get(id);
      const place = e && this.accepts(e, f);
      if (!place) continue;
      out.push({ resource: e.resource, place });
      if (out.length >= need) break;
    }
    return out;
  }

  private searchNear(f: ResourceFilter, from: { lat: number; lon: number }, need: number): ResourceMatch[] {
    const places = this.geo.within(from, f.radiusKm).filter((p) => !f.placeId || p.id === f.placeId);
    let inReach = 0;
    for (const p of places) inReach += this.byPlace.get(p.id).length;
    const rare = f.terms.length ? this.rareWordIds(f.terms, Math.min(RARE_WORD_POSTINGS, inReach)) : undefined;
    const byDistanceThenId = (a: ResourceMatch, b: ResourceMatch) => a.distance! - b.distance! || (a.resource.id < b.resource.id ? -1 : 1);
    if (rare && rare.length < inReach) {
      // A rare word: its few hits, each with its place's distance.
      const distance = new Map(places.map((p) => [p.id, p.distance]));
      const out: ResourceMatch[] = [];
      for (const id of rare) {
        const e = this.entries.get(id);
        const d = e && distance.get(e.resource.placeId);
        if (d === undefined) continue;
        const place = this.accepts(e!, f);
        if (place) out.push({ resource: e!.resource, place, distance: d });
      }
      return out.sort(byDistanceThenId).slice(0, need);
    }
    // Places nearest first; those at the same distance form one group sorted by id.
    places.sort((a, b) => a.distance - b.distance);
    const out: ResourceMatch[] = [];
    for (let i = 0; i < places.length && out.length < need; ) {
      const group: ResourceMatch[] = [];
      const d = places[i]!.distance;
      for (; i < places.length && places[i]!.distance === d; i++) {
        for (const id of this.byPlace.get(places[i]!.id)) {
          const e = this.entries.get(id)!;
          const place = this.accepts(e, f);
          if (place) group.push({ resource: e.resource, place, distance: d });
        }
      }
      if (group.length > 1) group.sort(byDistanceThenId);
      out.push(...group);
    }
    return out.slice(0, need);
  }
}
