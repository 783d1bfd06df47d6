/**
 * Id lists kept in id order (ids are time-sortable, so new records land at the end):
 * a list is walked in order and a search stops as soon as it has its page.
 */
function lowerBound(list: string[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted(list: string[], id: string): void {
  if (!list.length || list[list.length - 1]! < id) {
    list.push(id);
    return;
  }
  const at = lowerBound(list, id);
  if (list[at] !== id) list.splice(at, 0, id);
}

export function removeSorted(list: string[], id: string): void {
  const at = lowerBound(list, id);
  if (list[at] === id) list.splice(at, 1);
}

/** Sorted lists under a key (kind, category, place). */
export class SortedPostings {
  private readonly lists = new Map<string, string[]>();

  add(key: string, id: string): void {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = []));
    insertSorted(list, id);
  }

  remove(key: string, id: string): void {
    const list = this.lists.get(key);
    if (!list) return;
    removeSorted(list, id);
    if (!list.length) this.lists.delete(key);
  }

  /** The list itself (created empty): for appending ids known to come last. */
  listOf(key: string): string[] {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = []));
    return list;
  }

  get(key: string): readonly string[] {
    return this.lists.get(key) ?? [];
  }
}
