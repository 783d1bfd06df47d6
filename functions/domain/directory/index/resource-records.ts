/**
 * The full records of the resources, apart from their index entries. An index built from
 * the table or the change log holds every record it applied; an index started from the
 * compact artifact holds none at first: a result page's records are read by id (one
 * BatchGet, ≤ 1 RCU each) and kept for the next searches, up to FETCHED_KEPT of them;
 * what needs them all (the CSV export, the stale-records list) loads the artifact's
 * records object once.
 */
import type { Deps } from '../../deps.js';
import { getDirectoryRecordsByIds } from '../../../../integrations/dynamodb/directory-repository.js';
import { ResourceSchema, type Resource } from '../../../../schemas/resource.js';

/** Records read by id that are kept (about 10 MB of records at most). */
const FETCHED_KEPT = 5_000;
/** A page missing more records than this loads them all instead (an export). */
const READ_ALL_ABOVE = 1_000;

export class ResourceRecords {
  /** Every record applied to the index (full load, change-log copies): never dropped. */
  private readonly applied = new Map<string, Resource>();
  /** Records read by id, oldest first (Map order): dropped past FETCHED_KEPT. */
  private readonly fetched = new Map<string, Resource>();
  /** Loads the records the index started without; undefined once `applied` holds them all. */
  private missing: (() => Promise<Resource[]>) | undefined;
  private loadingAll: Promise<void> | undefined;

  /** The index started from a compact artifact: the other records come from `load`. */
  startWithout(load: () => Promise<Resource[]>): void {
    this.missing = load;
  }

  get holdsAll(): boolean {
    return this.missing === undefined;
  }

  set(r: Resource): void {
    this.applied.set(r.id, r);
    this.fetched.delete(r.id);
  }

  /** The record if held at `version` or newer. */
  held(id: string, version: number): Resource | undefined {
    const r = this.applied.get(id) ?? this.fetched.get(id);
    return r && r.version >= version ? r : undefined;
  }

  /** Records held (or all, once loaded): what `all` gives when nothing is missing. */
  private async loadAll(): Promise<void> {
    if (!this.missing) return;
    this.loadingAll ??= (async () => {
      const rest = await this.missing!();
      // Applied copies are newer than the artifact's.
      for (const r of rest) if (!this.applied.has(r.id)) this.applied.set(r.id, r);
      this.missing = undefined;
      this.fetched.clear();
    })().finally(() => (this.loadingAll = undefined));
    await this.loadingAll;
  }

  /** Every record (archived ones too), loading those missing first. */
  async all(): Promise<Iterable<Resource>> {
    await this.loadAll();
    return this.applied.values();
  }

  /**
   * The records of a page, at the indexed version or newer (a write the index has not
   * caught up with yet). Ids the table does not hold (never: records are archived,
   * not deleted) are left out.
   */
  async page(deps: Deps, wanted: { id: string; version: number }[]): Promise<Map<string, Resource>> {
    const out = new Map<string, Resource>();
    const toRead: string[] = [];
    for (const w of wanted) {
      const r = this.held(w.id, w.version);
      if (r) out.set(w.id, r);
      else toRead.push(w.id);
    }
    if (!toRead.length) return out;
    if (toRead.length > READ_ALL_ABOVE) {
      await this.loadAll();
      for (const w of wanted) if (!out.has(w.id)) this.keep(out, this.applied.get(w.id));
      return out;
    }
    for (const raw of await getDirectoryRecordsByIds(deps.table, 'resource', toRead)) {
      const r = ResourceSchema.parse(raw) as Resource;
      this.fetched.delete(r.id);
      this.fetched.set(r.id, r);
      out.set(r.id, r);
    }
    for (const id of this.fetched.keys()) {
      if (this.fetched.size <= FETCHED_KEPT) break;
      this.fetched.delete(id);
    }
    return out;
  }

  private keep(out: Map<string, Resource>, r: Resource | undefined): void {
    if (r) out.set(r.id, r);
  }
}
