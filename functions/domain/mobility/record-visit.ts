import { createHash } from 'node:crypto';
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { requireAuthenticated } from '../access.js';
import { ConflictError, UnprocessableError, ValidationError } from '../errors.js';
import { requireVisitWriter } from './mobility-access.js';
import { loadPerson, loadPlace, refuseArchivedPerson } from './directory-refs.js';
import { readMobilitySettings } from './settings.js';
import { buildEntry } from './ledger-entries.js';
import { deName, aName } from './place-grammar.js';
import { dayInWords } from '../text/fr.js';
import { SCHEME_LABELS, visitPostings } from './money-rules.js';
import { passCandidates } from './passes.js';
import { visitAuditItem } from '../checkin/visit-audit.js';
import { journalEntryItems } from '../../../integrations/dynamodb/ledger-repository.js';
import { getIdempotencyRecord, recordVisitItems } from '../../../integrations/dynamodb/visit-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction, type LabelledItem } from '../../../integrations/dynamodb/transaction.js';
import { VisitSchema, type Visit, type VisitChannel, type VisitInput } from '../../../schemas/visit.js';

/**
 * Variants of a visit (reservations and check-ins, see ../checkin/): `reserve` holds the slot
 * and the pass day but posts nothing; `fields` are set on the visit (channel, confirmation…);
 * `extraItems` join the same transaction (markers, audit entry). A variant that brings its own
 * audit entry (label `audit`) replaces the plain `record` line.
 */
export interface RecordVisitOptions {
  reserve?: boolean;
  fields?: { channel?: VisitChannel; confirmation?: 'pending'; confirmBy?: string };
  extraItems?: (visit: Visit) => LabelledItem[];
}

/** Idempotency records are kept 48 h (the contract asks for at least 24 h). */
export const IDEMPOTENCY_TTL_SECONDS = 48 * 3600;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function readIdempotencyKey(header: string | undefined): string {
  if (header === undefined || !KEY_PATTERN.test(header)) {
    throw new ValidationError([{ path: 'Idempotency-Key', message: 'en-tête obligatoire : 1 à 200 caractères ASCII visibles (un UUID par exemple)' }], 'En-tête Idempotency-Key manquant ou invalide.');
  }
  return header;
}

function hashRequest(input: VisitInput): string {
  return createHash('sha256').update(JSON.stringify([input.personId, input.hostPlaceId, input.date, input.scheme])).digest('hex');
}

/** The first answer for this key, or a 422 when the key was used for another body. */
function replay(record: { requestHash: string; response: unknown }, requestHash: string): Visit {
  if (record.requestHash !== requestHash) {
    throw new UnprocessableError('Cette clé Idempotency-Key a déjà servi pour une autre requête : utilisez une nouvelle clé pour une nouvelle visite.');
  }
  return VisitSchema.parse(record.response);
}

/**
 * POST /v1/visits. Primary course:
 * 1. a key already used by this caller answers its first result (or 422 for another body);
 * 2. load the person and the host, check the actor may record it (403),
 *    refuse an archived person (422);
 * 3. refuse a visit to the home place, to a host that does not accept visitors, and a pass
 *    visit without a pass valid that day (422);
 * 4. compute the postings of the scheme (money-rules.ts);
 * 5. write in one transaction: idempotency record, host day counter (≤ capacity), person-at-host
 *    marker, pass usage counter (≤ daysPerPeriod), the visit and its copies, the journal entry,
 *    its copies, the monthly balances and the audit line. A failed condition is a 409, nothing is written.
 * With `opts.reserve` the visit is `reserved`: same slot, marker and pass day, no entry.
 */
export async function recordVisit(deps: Deps, actor: Actor, input: VisitInput, idempotencyKey: string, opts: RecordVisitOptions = {}): Promise<{ visit: Visit; replayed: boolean }> {
  requireAuthenticated(actor);
  const scope = actorLabel(actor);
  // A reservation and a visit with the same body are different requests.
  const requestHash = hashRequest(input) + (opts.reserve ? '#reserve' : '');
  const nowEpoch = Math.floor(deps.now().getTime() / 1000);
  const previous = await getIdempotencyRecord(deps.table, scope, idempotencyKey, nowEpoch);
  if (previous) return { visit: replay(previous, requestHash), replayed: true };

  const [person, host] = await Promise.all([loadPerson(deps, input.personId), loadPlace(deps, input.hostPlaceId)]);
  requireVisitWriter(actor, host.id, person.homePlaceId);
  refuseArchivedPerson(person, 'visit');
  if (host.id === person.homePlaceId) {
    throw new UnprocessableError('Le lieu d’accueil est le lieu d’attache de la personne : ce n’est pas une visite.', [{ path: 'hostPlaceId', message: 'lieu d’attache de la personne' }]);
  }
  if (!host.mobility?.acceptsVisitors || host.archivedAt) {
    throw new UnprocessableError(`« ${host.name} » n’accueille pas de coworkers d’autres lieux.`, [{ path: 'hostPlaceId', message: 'n’accueille pas de visiteurs' }]);
  }
  const settings = await readMobilitySettings(deps);
  const { amountCents, postings } = visitPostings(input.scheme, { personId: person.id, homePlaceId: person.homePlaceId, hostPlaceId: host.id }, settings, host.mobility.preferentialDayRateCents);

  const candidates = input.scheme === 'pass' ? await passCandidates(deps, person.id, input.date) : [undefined];
  if (candidates.length === 0) {
    throw new UnprocessableError(`${person.displayName} n’a pas de pass mobilité valable le ${input.date}.`, [{ path: 'scheme', message: 'aucun pass valable à cette date' }]);
  }
  const visitId = deps.newId();
  for (const candidate of candidates) {
    if (candidate && candidate.remaining <= 0) continue;
    const entry = postings.length && !opts.reserve
      ? buildEntry(deps, actor, { date: input.date, memo: `Visite ${deName(person.displayName)} ${aName(host.name)} le ${dayInWords(input.date)} (${SCHEME_LABELS[input.scheme]})`, kind: 'visit', postings, visitId })
      : undefined;
    const visit: Visit = {
      id: visitId,
      personId: person.id,
      homePlaceId: person.homePlaceId,
      hostPlaceId: host.id,
      date: input.date,
      scheme: input.scheme,
      status: opts.reserve ? 'reserved' : 'active',
      ...opts.fields,
      ...(candidate ? { passId: candidate.pass.id, passPeriod: candidate.period } : {}),
      amountCents,
      entryId: entry?.id,
      postings: opts.reserve ? [] : postings,
      createdAt: deps.now().toISOString(),
      createdBy: scope,
    };
    const items = recordVisitItems(deps.table, {
      visit,
      capacity: host.mobility.dailyVisitorCapacity,
      passDays: candidate?.pass.daysPerPeriod,
      idempotency: { scope, key: idempotencyKey, requestHash, ttl: nowEpoch + IDEMPOTENCY_TTL_SECONDS },
    });
    const extra = opts.extraItems?.(visit) ?? [];
    if (!extra.some((i) => i.label === 'audit')) extra.push(visitAuditItem(deps, actor, 'record', visit));
    try {
      await writeLabelledTransaction(deps.table, [...items, ...(entry ? journalEntryItems(deps.table, entry) : []), ...extra]);
      return { visit, replayed: false };
    } catch (err) {
      if (!(err instanceof TransactionConditionFailed)) throw err;
      const failed = new Set(err.labels);
      if (failed.has('idempotency')) {
        // The same key won a race a moment ago: answer like a replay.
        const record = await getIdempotencyRecord(deps.table, scope, idempotencyKey, nowEpoch);
        if (record) return { visit: replay(record, requestHash), replayed: true };
      }
      if (failed.has('duplicate')) throw new ConflictError(`${person.displayName} est déjà enregistré·e chez « ${host.name} » le ${input.date}.`);
      if (failed.has('capacity')) {
        throw new ConflictError(`« ${host.name} » est complet le ${input.date} (${host.mobility.dailyVisitorCapacity} visiteur·s par jour au plus).`);
      }
      if (failed.has('pass-usage')) continue; // this pass just ran out: try the next one
      throw err;
    }
  }
  throw new ConflictError(`Les jours du pass mobilité de ${person.displayName} sont épuisés pour cette période.`);
}
