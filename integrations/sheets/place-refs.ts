/**
 * A place is named in a row by its `Nom` (as in the Lieux tab) or its `ID`.
 * Unknown or ambiguous names refuse the row with a message saying so.
 */
import { CellError, cleanCell, foldText } from './values.js';

interface Named {
  id: string;
  name: string;
  archivedAt?: string;
}

export class NameIndex {
  private readonly byId = new Map<string, Named>();
  private readonly byName = new Map<string, Named[]>();

  constructor(
    items: Iterable<Named>,
    private readonly what: { unknown: string; plural: string; tab: string },
  ) {
    for (const it of items) {
      if (it.archivedAt) continue;
      this.byId.set(it.id, it);
      const k = foldText(it.name);
      this.byName.set(k, [...(this.byName.get(k) ?? []), it]);
    }
  }

  /** Name or ID → ID; throws a French CellError when unknown or ambiguous. */
  resolve(v: string | undefined): string | undefined {
    const s = cleanCell(v);
    if (s === '') return undefined;
    if (this.byId.has(s)) return s;
    const found = this.byName.get(foldText(s)) ?? [];
    if (found.length === 1) return found[0]!.id;
    if (found.length > 1) throw new CellError(`nom ambigu « ${s} » : ${found.length} ${this.what.plural} portent ce nom, indiquez l’ID`);
    throw new CellError(`${this.what.unknown} « ${s} » (nom ou ID de l’onglet ${this.what.tab})`);
  }

  /** ID → the name when it is unique, otherwise the ID (so the sheet stays unambiguous). */
  label(id: string): string {
    const it = this.byId.get(id);
    if (!it) return id;
    return (this.byName.get(foldText(it.name)) ?? []).length === 1 ? it.name : id;
  }
}

export function placeIndex(places: Iterable<Named>): NameIndex {
  return new NameIndex(places, { unknown: 'lieu inconnu', plural: 'lieux', tab: 'Lieux' });
}

export function personIndex(people: Iterable<{ id: string; displayName: string; archivedAt?: string }>): NameIndex {
  return new NameIndex([...people].map((p) => ({ id: p.id, name: p.displayName, archivedAt: p.archivedAt })), { unknown: 'personne inconnue', plural: 'personnes', tab: 'Personnes' });
}
