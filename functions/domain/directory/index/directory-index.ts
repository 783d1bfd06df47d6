/**
 * The directory held by one process: the places and people, the resources' search index
 * and their records (held, or read by page: resource-records.ts). It is changed one
 * record at a time (`apply`), by a full load as by a catch-up from the change log, so a
 * write costs O(that record) to take in.
 */
import type { Place } from '../../../../schemas/place.js';
import type { Resource } from '../../../../schemas/resource.js';
import type { Person } from '../../../../schemas/person.js';
import type { DirectoryType } from '../../../../integrations/dynamodb/keys.js';
import { searchString, searchTokens } from '../text.js';
import { ResourceIndex, type ResourceFacts } from './resource-index.js';
import { ResourceRecords } from './resource-records.js';

export type AnyRecord = Place | Resource | Person;

export class DirectoryIndex {
  /** The label: every write up to this sequence number is applied (some later ones may be too). */
  version = 0;
  /** When the label last caught up with the counter (clock of `deps.now`). */
  labelledAt = 0;
  /** The sequence number of the last artifact loaded or started from this index. */
  artifactSeq: number | undefined;
  /** When that artifact was written (ms), if this index started from it or wrote it. */
  artifactAt: number | undefined;
  /** When a search first found the counter ahead with nothing in the log to show for it. */
  openSeenAt: number | undefined;
  readonly placesById = new Map<string, Place>();
  /** The resources' full records (all, or those read so far). */
  readonly resourceRecords = new ResourceRecords();
  readonly peopleById = new Map<string, Person>();
  /** Place words (name, commune, description, tags), `searchString` form. */
  readonly placeText = new Map<string, string>();
  readonly resourceIndex = new ResourceIndex((id) => this.placesById.get(id));
  private placeList: Place[] | undefined;
  private peopleList: Person[] | undefined;

  /** Takes in one record unless the index already holds the same or a newer version. */
  apply(type: DirectoryType, record: AnyRecord): void {
    if (type === 'place') {
      const p = record as Place;
      const before = this.placesById.get(p.id);
      if (before && before.version >= p.version) return;
      this.placesById.set(p.id, p);
      this.placeText.set(p.id, searchString(searchTokens([p.name, p.address.commune, p.description ?? '', p.tags.join(' ')].join(' '))));
      this.placeList = undefined;
      this.resourceIndex.placeChanged(before, p);
    } else if (type === 'resource') {
      const r = record as Resource;
      const before = this.resourceIndex.get(r.id)?.version ?? this.resourceRecords.held(r.id, 0)?.version;
      if (before !== undefined && before >= r.version) return;
      this.resourceRecords.set(r);
      this.resourceIndex.put(r);
    } else {
      const p = record as Person;
      const before = this.peopleById.get(p.id);
      if (before && before.version >= p.version) return;
      this.peopleById.set(p.id, p);
      this.peopleList = undefined;
    }
  }

  /** Every place (archived ones too), as a list. */
  get places(): Place[] {
    return (this.placeList ??= [...this.placesById.values()]);
  }

  get people(): Person[] {
    return (this.peopleList ??= [...this.peopleById.values()]);
  }

  /** Resources in the index (not archived) with their place: what a search knows of them. */
  *resources(): Iterable<{ facts: ResourceFacts; place: Place }> {
    for (const facts of this.resourceIndex.facts()) {
      const place = this.placesById.get(facts.placeId);
      if (place) yield { facts, place };
    }
  }

  /** The same, with their full records (read once when the index started without them). */
  async resourcesWithRecords(): Promise<{ resource: Resource; place: Place }[]> {
    const records = new Map<string, Resource>();
    for (const r of await this.resourceRecords.all()) records.set(r.id, r);
    const out: { resource: Resource; place: Place }[] = [];
    for (const { facts, place } of this.resources()) {
      const resource = records.get(facts.id);
      if (resource) out.push({ resource, place });
    }
    return out;
  }
}
