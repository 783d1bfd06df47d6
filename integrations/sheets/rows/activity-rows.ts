/**
 * Rows of the Passages (visits) and Événements tabs. Same conventions as the
 * directory tabs: `parse` reads a full input, `render` writes what the sheet shows.
 */
import type { Visit, VisitScheme } from '../../../schemas/visit.js';
import type { StoredEvent } from '../../../schemas/event.js';
import { ID, type RowCells } from '../columns.js';
import { CellError, cleanCell, foldText, formatDateTime, formatDay, formatMoney, formatYesNo, parseDateTime, parseDay, parseMoneyCents, parseYesNo, parisDay } from '../values.js';
import { dayInWords } from '../../../functions/domain/text/fr.js';
import { RowReader, compact, finish, type ParseResult } from '../row-reader.js';
import type { RowContext } from './directory-rows.js';

const SCHEMES: Record<string, VisitScheme> = { retrocession: 'retrocession', pass: 'pass', 'tarif preferentiel': 'preferential', preferentiel: 'preferential', preferential: 'preferential' };
export const SCHEME_COLUMN_LABELS: Record<VisitScheme, string> = { retrocession: 'Rétrocession', pass: 'Pass', preferential: 'Tarif préférentiel' };

function parseScheme(v: string | undefined): VisitScheme {
  const s = SCHEMES[foldText(v ?? '')];
  if (!s) throw new CellError(`« ${cleanCell(v)} » : Rétrocession, Pass ou Tarif préférentiel attendu`);
  return s;
}

export const VISIT_FIELD_HEADERS: Record<string, string> = { personId: 'Personne', hostPlaceId: "Lieu d'accueil", date: 'Date', scheme: 'Formule' };

export function parseVisitRow(cells: RowCells, ctx: RowContext): ParseResult {
  const r = new RowReader(cells);
  const input = compact({
    personId: r.required('Personne') && r.read('Personne', (v) => ctx.people.resolve(v)),
    hostPlaceId: r.required("Lieu d'accueil") && r.read("Lieu d'accueil", (v) => ctx.places.resolve(v)),
    date: r.required('Date') && r.read('Date', parseDay),
    scheme: r.required('Formule') && r.read('Formule', parseScheme),
  });
  return finish(r, input);
}

export function renderVisitRow(v: Visit, ctx: RowContext): RowCells {
  return { [ID]: v.id, Personne: ctx.people.label(v.personId), "Lieu d'accueil": ctx.places.label(v.hostPlaceId), Date: formatDay(v.date), Formule: SCHEME_COLUMN_LABELS[v.scheme] };
}

const SCHEME_STATUS_LABELS: Record<VisitScheme, string> = { retrocession: 'rétrocession du lieu d’attache au lieu d’accueil', pass: 'payé par le réseau au lieu d’accueil (pass)', preferential: 'tarif préférentiel payé sur place' };

/** What `Statut synchro` says once a visit is posted: the amount and who owes whom. */
export function visitPostedStatus(v: Visit): string {
  return `✓ Passage enregistré : ${formatMoney(v.amountCents)} € (${SCHEME_STATUS_LABELS[v.scheme]})`;
}

/**
 * `Statut synchro` of a visit as it stands: a check-in at the door waits for the host's
 * confirmation (« À confirmer »), then reads like any posted visit.
 */
export function visitStatus(v: Visit): string {
  if (v.status === 'active' && v.confirmation === 'pending') {
    const until = v.confirmBy ? ` ; sans refus, confirmé le ${dayInWords(parisDay(v.confirmBy))}` : '';
    return `⏳ À confirmer par le lieu d’accueil (passage enregistré à la porte${until}) : ${formatMoney(v.amountCents)} € (${SCHEME_STATUS_LABELS[v.scheme]})`;
  }
  return visitPostedStatus(v);
}

export const EVENT_FIELD_HEADERS: Record<string, string> = { placeId: 'Lieu', title: 'Titre', description: 'Description', startsAt: 'Début', endsAt: 'Fin', url: 'Lien', imageUrl: 'Image', priceCents: 'Prix (€)', relay: 'Relayer sur Facebook', status: 'Annulé' };

export function parseEventRow(cells: RowCells, ctx: RowContext): ParseResult {
  const r = new RowReader(cells);
  const input = compact({
    placeId: r.required('Lieu') && r.read('Lieu', (v) => ctx.places.resolve(v)),
    title: r.required('Titre'),
    description: r.text('Description'),
    startsAt: r.required('Début') && r.read('Début', parseDateTime),
    endsAt: r.read('Fin', parseDateTime),
    url: r.text('Lien'),
    imageUrl: r.text('Image'),
    priceCents: r.read('Prix (€)', parseMoneyCents),
    relay: { facebook: r.read('Relayer sur Facebook', parseYesNo) ?? false },
    status: r.read('Annulé', parseYesNo) ? 'cancelled' : 'scheduled',
  });
  return finish(r, input);
}

export function renderEventRow(e: StoredEvent, ctx: RowContext): RowCells {
  return {
    [ID]: e.id,
    Lieu: ctx.places.label(e.placeId),
    Titre: e.title,
    Description: e.description ?? '',
    Début: formatDateTime(e.startsAt),
    Fin: formatDateTime(e.endsAt),
    Lien: e.url ?? '',
    Image: e.imageUrl ?? '',
    'Prix (€)': formatMoney(e.priceCents),
    'Relayer sur Facebook': formatYesNo(e.relay.facebook.enabled),
    Annulé: formatYesNo(e.status === 'cancelled'),
  };
}
