/**
 * Places by position: a static kdbush tree queried with geokdbush, plus the places
 * added, moved or removed since it was built (checked one by one). The tree is rebuilt
 * only after REBUILD_AFTER such changes, so one write costs O(1) amortised.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceKm } from '../geo.js';

type Point = { lat: number; lon: number };
const REBUILD_AFTER = 128;
/** geokdbush's distance and ours differ in the last digits: ask a little wider, then filter exactly. */
const MARGIN_KM = 0.5;

export class PlaceGeo {
  private tree: KDBush | undefined;
  private treeIds: string[] = [];
  private readonly located = new Map<string, Point>();
  /** Changed since the tree was built: current point, or null when no longer located. */
  private readonly dirty = new Map<string, Point | null>();

  set(id: string, p: Point | undefined): void {
    const before = this.located.get(id);
    if (before && p && before.lat === p.lat && before.lon === p.lon) return;
    if (p) this.located.set(id, p);
    else if (before) this.located.delete(id);
    else return;
    this.dirty.set(id, p ?? null);
    if (this.dirty.size > REBUILD_AFTER) this.tree = undefined;
  }

  private build(): void {
    this.treeIds = [...this.located.keys()];
    const tree = new KDBush(Math.max(1, this.treeIds.length));
    for (const id of this.treeIds) {
      const p = this.located.get(id)!;
      tree.add(p.lon, p.lat);
    }
    if (!this.treeIds.length) tree.add(0, 0);
    this.tree = tree.finish();
    this.dirty.clear();
  }

  /** Located places within `radiusKm` (all when undefined), with their exact distance. */
  within(from: Point, radiusKm?: number): { id: string; distance: number }[] {
    if (!this.tree) this.build();
    const out: { id: string; distance: number }[] = [];
    const consider = (id: string) => {
      const p = this.located.get(id);
      if (!p) return;
      const distance = distanceKm(from, p);
      if (radiusKm === undefined || distance <= radiusKm) out.push({ id, distance });
    };
    if (radiusKm === undefined) {
      for (const id of this.located.keys()) consider(id);
      return out;
    }
    for (const k of around(this.tree!, from.lon, from.lat, Infinity, radiusKm + MARGIN_KM)) {
      const id = this.treeIds[k];
      if (id !== undefined && !this.dirty.has(id)) consider(id);
    }
    for (const id of this.dirty.keys()) consider(id);
    return out;
  }
}
