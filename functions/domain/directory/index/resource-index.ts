/**
 * The resources' search index, kept up to date one record at a time: applying a write
 * touches that record's entries — never the whole directory (a renamed place changes
 * only its own words: a resource's text is its own words plus its place's).
 * - each entry keeps only what a search tests (`ResourceFacts`), not the record: the
 *   records of a page are read apart (directory-index.ts), so a new instance loads a
 *   compact artifact (index-artifact.ts) rather than every record;
 * - id-ordered lists: every resource, per kind, per category, per place;
 * - words → ids (TextPostings) for rare words; each entry keeps its words as one string
 *   for the others;
 * - places by position (PlaceGeo) for `near`.
 * A search walks the smallest id-ordered list (or a rare word's hits, or the places
 * nearest first), tests every filter on each candidate and stops at the page's end.
 */
import { categoryLabel } from '../../../../schemas/resource-categories.js';
import type { Place } from '../../../../schemas/place.js';
import { RATE_UNITS, RESOURCE_KINDS, type Resource, type RateUnit, type ResourceKind } from '../../../../schemas/resource.js';
import { normalizeText, searchString, searchTokens } from '../text.js';
import { SortedPostings, insertSorted, removeSorted } from './sorted-ids.js';
import { TextPostings, type PostingsBase } from './text-postings.js';
import { PlaceGeo } from './place-geo.js';

/** The criteria a search passes to the index as they are asked (no normalising needed). */
export interface ResourceRangeCriteria {
  kind?: ResourceKind;
  placeId?: string;
  near?: { lat: number; lon: number };
  radiusKm?: number;
  minCapacity?: number;
  minSurfaceM2?: number;
  lendable?: boolean;
  maxRateCents?: number;
  rateUnit?: RateUnit;
}

export interface ResourceFilter extends ResourceRangeCriteria {
  /** Normalised. */
  category?: string;
  /** Normalised commune of the place. */
  commune?: string;
  /** Normalised query words. */
  terms: string[];
}

/** What a search tests of a resource (the artifact stores these, column by column). */
export interface ResourceFacts {
  id: string;
  version: number;
  placeId: string;
  kind: ResourceKind;
  /** Normalised. */
  category: string;
  capacity: number;
  surfaceM2: number;
  lendable: boolean;
  /** Cheapest rate in cents: [0] any unit, [1 + k] unit RATE_UNITS[k]; -1 when none. */
  cheapest: number[];
}

export interface ResourceMatch {
  facts: ResourceFacts;
  place: Place;
  distance?: number;
}

/** A resource written since the base (or every resource, without one). */
interface Entry {
  facts: ResourceFacts;
  /** Own words (not the place's), `searchString` form. */
  text: string;
  /** The same words, as they are in the radix tree. */
  words: string[];
}

/**
 * The resources of the artifact, column by column (rank = position in id order): no
 * object per resource, so loading 100,000 of them costs no garbage collection to speak of.
 */
export interface BaseColumns {
  ids: string[];
  version: ArrayLike<number>;
  place: ArrayLike<number>;
  placeIds: string[];
  kind: ArrayLike<number>;
  categories: string[];
  category: ArrayLike<number>;
  capacity: ArrayLike<number>;
  surface: ArrayLike<number>;
  lendable: ArrayLike<number>;
  /** RATES values per rank (see `ResourceFacts.cheapest`). */
  cheapest: ArrayLike<number>;
}

export const RATES = RATE_UNITS.length + 1;

/** Base ranks matched by a query word, per word (the base never changes): at most this many kept. */
const TERM_BITS_KEPT = 64;

/** A word with more postings than this is tested record by record instead. */
const RARE_WORD_POSTINGS = 4_000;

/** A resource's own words; its place's name and commune count too (`placeWords`). */
export function ownWords(r: Resource): string[] {
  // The category's French label too: « salle de formation » finds `training_room`.
  return [...new Set(searchTokens([r.name, r.description ?? '', r.category, categoryLabel(r.category), r.uses.join(' ')].join(' ')))];
}

/** The words a place lends its resources' text. */
export function placeWords(p: Place): string[] {
  return [...new Set(searchTokens(`${p.name} ${p.address.commune}`))];
}

export function factsOf(r: Resource): ResourceFacts {
  const cheapest = new Array<number>(RATE_UNITS.length + 1).fill(-1);
  for (const x of r.rates) {
    const k = 1 + RATE_UNITS.indexOf(x.unit);
    if (cheapest[k]! < 0 || x.amountCents < cheapest[k]!) cheapest[k] = x.amountCents;
    if (cheapest[0]! < 0 || x.amountCents < cheapest[0]!) cheapest[0] = x.amountCents;
  }
  return {
    id: r.id,
    version: r.version,
    placeId: r.placeId,
    kind: r.kind,
    category: normalizeText(r.category),
    capacity: r.capacity ?? 0,
    surfaceM2: r.surfaceM2 ?? 0,
    lendable: r.sharing?.lendable ?? false,
    cheapest,
  };
}


export class ResourceIndex {
  private readonly entries = new Map<string, Entry>();
  private base: BaseColumns | undefined;
  /** Base resources not changed since the base, by id → rank. */
  private readonly baseRank = new Map<string, number>();
  private all: string[] = [];
  private readonly byKind = new SortedPostings();
  private readonly byCategory = new SortedPostings();
  private readonly byPlace = new SortedPostings();
  private readonly words = new TextPostings();
  /** Place words → place ids; with `placeText`, what places lend their resources' text. */
  private readonly placeWordIds = new TextPostings();
  private readonly placeText = new Map<string, { words: string[]; text: string }>();
  private readonly termBits = new Map<string, Uint8Array>();
  readonly geo = new PlaceGeo();

  constructor(private readonly placeById: (id: string) => Place | undefined) {}

  get size(): number {
    return this.entries.size + this.baseRank.size;
  }

  get(id: string): ResourceFacts | undefined {
    const e = this.entries.get(id);
    if (e) return e.facts;
    const k = this.baseRank.get(id);
    return k === undefined ? undefined : this.baseFacts(k);
  }

  private baseFacts(k: number): ResourceFacts {
    const b = this.base!;
    const cheapest = new Array<number>(RATES);
    for (let u = 0; u < RATES; u++) cheapest[u] = b.cheapest[k * RATES + u]!;
    return {
      id: b.ids[k]!,
      version: b.version[k]!,
      placeId: b.placeIds[b.place[k]!]!,
      kind: RESOURCE_KINDS[b.kind[k]!]!,
      category: b.categories[b.category[k]!]!,
      capacity: b.capacity[k]!,
      surfaceM2: b.surface[k]!,
      lendable: b.lendable[k] === 1,
      cheapest,
    };
  }

  /**
   * Starts an empty index from an artifact's facts (in id order) and their postings:
   * no word is normalised and nothing is inserted in the radix tree.
   */
  loadBase(base: BaseColumns, postings: PostingsBase): void {
    if (this.size) throw new Error('loadBase needs an empty index');
    this.base = base;
    // In id order: every list is appended to.
    const kinds = RESOURCE_KINDS.map((kind) => this.byKind.listOf(kind));
    const categories = base.categories.map((c) => this.byCategory.listOf(c));
    const places = base.placeIds.map((p) => this.byPlace.listOf(p));
    this.all = base.ids.slice();
    for (let k = 0; k < base.ids.length; k++) {
      const id = base.ids[k]!;
      this.baseRank.set(id, k);
      kinds[base.kind[k]!]!.push(id);
      categories[base.category[k]!]!.push(id);
      places[base.place[k]!]!.push(id);
    }
    this.words.setBase(postings);
  }

  /** The entries and own words, in id order: what the artifact serialises. */
  *baseEntries(): Iterable<{ facts: ResourceFacts; words: readonly string[] }> {
    let byRank: string[][] | undefined;
    for (const id of this.all) {
      const e = this.entries.get(id);
      if (e) yield { facts: e.facts, words: e.words };
      else {
        const k = this.baseRank.get(id)!;
        yield { facts: this.baseFacts(k), words: (byRank ??= this.words.baseWordsByRank())[k]! };
      }
    }
  }

  /** Indexes a resource (replacing its previous entry); archived resources leave the index. */
  put(r: Resource): void {
    const rank = this.baseRank.get(r.id);
    const before = this.entries.get(r.id) ?? (rank !== undefined ? { facts: this.baseFacts(rank) } : undefined);
    if (rank !== undefined) {
      // Leaves the base: its base postings no longer count.
      this.baseRank.delete(r.id);
      this.words.void(r.id);
    }
    if (r.archivedAt) {
      if (before) this.drop(before);
      return;
    }
    const words = ownWords(r);
    const entry: Entry = { facts: factsOf(r), text: searchString(words), words };
    const f = entry.facts;
    if (before) {
      // Only what changed is touched: an edit of a rate moves no posting.
      if (before.facts.kind !== f.kind) this.byKind.remove(before.facts.kind, r.id);
      if (before.facts.category !== f.category) this.byCategory.remove(before.facts.category, r.id);
      if (before.facts.placeId !== f.placeId) this.byPlace.remove(before.facts.placeId, r.id);
      if ('words' in before) {
        const now = new Set(words);
        const old = new Set(before.words);
        this.words.remove(r.id, before.words.filter((w) => !now.has(w)));
        this.words.add(r.id, words.filter((w) => !old.has(w)));
      } else this.words.add(r.id, words);
    } else {
      insertSorted(this.all, r.id);
      this.words.add(r.id, words);
    }
    this.byKind.add(f.kind, r.id);
    this.byCategory.add(f.category, r.id);
    this.byPlace.add(f.placeId, r.id);
    this.entries.set(r.id, entry);
  }

  private drop(e: { facts: ResourceFacts; words?: string[] }): void {
    const id = e.facts.id;
    removeSorted(this.all, id);
    this.byKind.remove(e.facts.kind, id);
    this.byCategory.remove(e.facts.category, id);
    this.byPlace.remove(e.facts.placeId, id);
    if (e.words) this.words.remove(id, e.words);
    this.entries.delete(id);
  }

  /** A place changed: its position, and the name and commune words it lends its resources. */
  placeChanged(before: Place | undefined, after: Place): void {
    this.geo.set(after.id, after.location);
    if (before && before.name === after.name && before.address.commune === after.address.commune) return;
    const old = this.placeText.get(after.id);
    if (old) this.placeWordIds.remove(after.id, old.words);
    const words = placeWords(after);
    this.placeWordIds.add(after.id, words);
    this.placeText.set(after.id, { words, text: searchString(words) });
  }

  *facts(): Iterable<ResourceFacts> {
    for (const k of this.baseRank.values()) yield this.baseFacts(k);
    for (const e of this.entries.values()) yield e.facts;
  }

  /** Every query word begins a word of the resource (`own`: of an entry; else base rank `k`) or of its place. */
  private matchesText(placeId: string, own: string | undefined, k: number, terms: string[]): boolean {
    const placeText = this.placeText.get(placeId)?.text ?? '';
    for (const t of terms) {
      const mine = own !== undefined ? own.includes(' ' + t) : this.baseBits(t)[k] === 1;
      if (!mine && !placeText.includes(' ' + t)) return false;
    }
    return true;
  }

  /** The base ranks holding a word that starts with `t` (one walk of its postings, then kept). */
  private baseBits(t: string): Uint8Array {
    let bits = this.termBits.get(t);
    if (!bits) {
      bits = this.words.baseRanksWithPrefix(t);
      if (this.termBits.size >= TERM_BITS_KEPT) this.termBits.delete(this.termBits.keys().next().value!);
      this.termBits.set(t, bits);
    }
    return bits;
  }

  /** The resource's facts and place when it passes every filter (read from the columns for a base one). */
  private accepts(id: string, f: ResourceFilter): ResourceMatch | undefined {
    const e = this.entries.get(id);
    if (e) {
      const r = e.facts;
      if (f.kind && r.kind !== f.kind) return undefined;
      if (f.category !== undefined && r.category !== f.category) return undefined;
      if (f.placeId && r.placeId !== f.placeId) return undefined;
      if (f.minCapacity !== undefined && r.capacity < f.minCapacity) return undefined;
      if (f.minSurfaceM2 !== undefined && r.surfaceM2 < f.minSurfaceM2) return undefined;
      if (f.lendable !== undefined && r.lendable !== f.lendable) return undefined;
      if (f.maxRateCents !== undefined) {
        const rate = r.cheapest[f.rateUnit ? 1 + RATE_UNITS.indexOf(f.rateUnit) : 0]!;
        if (rate < 0 || rate > f.maxRateCents) return undefined;
      }
      if (f.terms.length && !this.matchesText(r.placeId, e.text, -1, f.terms)) return undefined;
      const place = this.placeById(r.placeId);
      return place && !place.archivedAt && this.inCommune(place, f) ? { facts: r, place } : undefined;
    }
    const k = this.baseRank.get(id);
    if (k === undefined) return undefined;
    const b = this.base!;
    if (f.kind && RESOURCE_KINDS[b.kind[k]!] !== f.kind) return undefined;
    if (f.category !== undefined && b.categories[b.category[k]!] !== f.category) return undefined;
    const placeId = b.placeIds[b.place[k]!]!;
    if (f.placeId && placeId !== f.placeId) return undefined;
    if (f.minCapacity !== undefined && b.capacity[k]! < f.minCapacity) return undefined;
    if (f.minSurfaceM2 !== undefined && b.surface[k]! < f.minSurfaceM2) return undefined;
    if (f.lendable !== undefined && (b.lendable[k] === 1) !== f.lendable) return undefined;
    if (f.maxRateCents !== undefined) {
      const rate = b.cheapest[k * RATES + (f.rateUnit ? 1 + RATE_UNITS.indexOf(f.rateUnit) : 0)]!;
      if (rate < 0 || rate > f.maxRateCents) return undefined;
    }
    if (f.terms.length && !this.matchesText(placeId, undefined, k, f.terms)) return undefined;
    const place = this.placeById(placeId);
    return place && !place.archivedAt && this.inCommune(place, f) ? { facts: this.baseFacts(k), place } : undefined;
  }

  /** The widget's commune filter: the place's commune, case and accents aside. */
  private inCommune(place: Place, f: ResourceFilter): boolean {
    return f.commune === undefined || normalizeText(place.address.commune) === f.commune;
  }

  private placeIdOf(id: string): string | undefined {
    const e = this.entries.get(id);
    if (e) return e.facts.placeId;
    const k = this.baseRank.get(id);
    return k === undefined ? undefined : this.base!.placeIds[this.base!.place[k]!];
  }

  /** Ids of resources with a word (theirs or their place's) starting with `t`; undefined past `max`. */
  private idsWithPrefix(t: string, max: number): Set<string> | undefined {
    const places = this.placeWordIds.idsWithPrefix(t, Number.MAX_SAFE_INTEGER)!;
    let read = 0;
    for (const p of places) read += this.byPlace.get(p).length;
    if (read > max) return undefined;
    const out = this.words.idsWithPrefix(t, max - read);
    if (!out) return undefined;
    for (const p of places) for (const id of this.byPlace.get(p)) out.add(id);
    return out;
  }

  /** Ids holding the rarest query word, sorted; undefined when every word is common. */
  private rareWordIds(terms: string[], cap: number): string[] | undefined {
    let best: Set<string> | undefined;
    for (const t of terms) {
      const ids = this.idsWithPrefix(t, Math.min(cap, best?.size ?? cap));
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
      const m = this.accepts(id, f);
      if (!m) continue;
      out.push(m);
      if (out.length >= need) break;
    }
    return out;
  }

  private searchNear(f: ResourceFilter, from: { lat: number; lon: number }, need: number): ResourceMatch[] {
    const places = this.geo.within(from, f.radiusKm).filter((p) => !f.placeId || p.id === f.placeId);
    let inReach = 0;
    for (const p of places) inReach += this.byPlace.get(p.id).length;
    const rare = f.terms.length ? this.rareWordIds(f.terms, Math.min(RARE_WORD_POSTINGS, inReach)) : undefined;
    const byDistanceThenId = (a: ResourceMatch, b: ResourceMatch) => a.distance! - b.distance! || (a.facts.id < b.facts.id ? -1 : 1);
    if (rare && rare.length < inReach) {
      // A rare word: its few hits, each with its place's distance.
      const distance = new Map(places.map((p) => [p.id, p.distance]));
      const out: ResourceMatch[] = [];
      for (const id of rare) {
        const placeId = this.placeIdOf(id);
        const d = placeId !== undefined ? distance.get(placeId) : undefined;
        if (d === undefined) continue;
        const m = this.accepts(id, f);
        if (m) out.push({ ...m, distance: d });
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
          const m = this.accepts(id, f);
          if (m) group.push({ ...m, distance: d });
        }
      }
      if (group.length > 1) group.sort(byDistanceThenId);
      out.push(...group);
    }
    return out.slice(0, need);
  }
}
