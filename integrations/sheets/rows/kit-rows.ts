/** Rows of the Kit tab ↔ communication kit assets (GET|POST|PATCH|DELETE /v1/kit). */
import { KIT_KINDS, type KitAsset, type KitKind } from '../../../schemas/kit.js';
import { ID, type RowCells } from '../columns.js';
import { CellError, cleanCell, foldText, formatList, parseList } from '../values.js';
import { RowReader, compact, finish, type ParseResult } from '../row-reader.js';
import type { RowContext } from './directory-rows.js';

/** The French words of `Type`; the API codes are accepted too. */
export const KIT_KIND_LABELS: Record<KitKind, string> = { template: 'Modèle', pitch: 'Argumentaire', logo: 'Logo', guide: 'Guide', photo: 'Photo', video: 'Vidéo', other: 'Autre' };
const KINDS = new Map<string, KitKind>(KIT_KINDS.flatMap((k) => [[foldText(KIT_KIND_LABELS[k]), k] as const, [foldText(k), k] as const]));

export const KIT_FIELD_HEADERS: Record<string, string> = { title: 'Titre', kind: 'Type', description: 'Description', url: 'Lien', licence: 'Licence', language: 'Langue', tags: 'Étiquettes', placeId: 'Lieu' };

function parseKind(v: string | undefined): KitKind | undefined {
  const s = cleanCell(v);
  if (s === '') return undefined;
  const k = KINDS.get(foldText(s));
  if (!k) throw new CellError(`« ${s} » : Modèle, Argumentaire, Logo, Guide, Photo, Vidéo ou Autre attendu`);
  return k;
}

export function parseKitRow(cells: RowCells, ctx: RowContext): ParseResult {
  const r = new RowReader(cells);
  const input = compact({
    title: r.required('Titre'),
    kind: r.required('Type') && r.read('Type', parseKind),
    description: r.required('Description'),
    url: r.text('Lien'),
    licence: r.required('Licence'),
    // `fr` when the column is left empty: the kit is the French network's.
    language: r.text('Langue') ?? 'fr',
    tags: parseList(cells['Étiquettes']),
    placeId: r.read('Lieu', (v) => ctx.places.resolve(v)),
  });
  return finish(r, input);
}

export function renderKitRow(a: KitAsset, ctx: RowContext): RowCells {
  return {
    [ID]: a.id,
    Titre: a.title,
    Type: KIT_KIND_LABELS[a.kind],
    Description: a.description,
    Lien: a.url ?? a.fileUrl ?? '',
    Licence: a.licence,
    Langue: a.language,
    Étiquettes: formatList(a.tags),
    Lieu: a.placeId ? ctx.places.label(a.placeId) : '',
  };
}
