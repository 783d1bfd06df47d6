/**
 * The text index: each word → the ids of the records holding it, in minisearch's radix
 * tree (`SearchableMap`), so "every word starting with `bois`" is one subtree walk.
 * Measured at 100,000 resources, MiniSearch's own scored search took 0.6–1.3 s for
 * common words (it scores and merges every hit); a search here needs only the hits'
 * ids, and only when a word is rare: common words are checked record by record
 * while walking an id-ordered list, which stops at the page's end.
 */
import SearchableMap from 'minisearch/SearchableMap';

export class TextPostings {
  private readonly map = new SearchableMap<string[]>();

  add(id: string, words: Iterable<string>): void {
    for (const w of words) {
      const ids = this.map.get(w);
      if (ids) ids.push(id);
      else this.map.set(w, [id]);
    }
  }

  remove(id: string, words: Iterable<string>): void {
    for (const w of words) {
      const ids = this.map.get(w);
      if (!ids) continue;
      const at = ids.lastIndexOf(id);
      if (at < 0) continue;
      ids[at] = ids[ids.length - 1]!;
      ids.pop();
      if (!ids.length) this.map.delete(w);
    }
  }

  /**
   * The ids holding a word that starts with `prefix`, or undefined when more than
   * `max` postings would be read (a common word: cheaper to test record by record).
   */
  idsWithPrefix(prefix: string, max: number): Set<string> | undefined {
    const out = new Set<string>();
    let read = 0;
    for (const [, ids] of this.map.atPrefix(prefix)) {
      read += ids.length;
      if (read > max) return undefined;
      for (const id of ids) out.add(id);
    }
    return out;
  }
}
