/**
 * One answer given on a freshness page: « Toujours exact », a short correction, or
 * « N’existe plus ». Goes through the directory's own use cases (access, validation,
 * optimistic versions, audit), noted as made through the place's verification link.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { AppError, ValidationError } from '../errors.js';
import { archiveRecord, getRecord, updateRecord, verifyRecord } from './write-records.js';
import { RECORD_TYPES } from './record-types.js';
import { CellError, parseInteger, parseMoneyCents } from '../../../integrations/sheets/values.js';
import type { DirectoryType } from '../../../integrations/dynamodb/keys.js';
import type { Rate, RateUnit } from '../../../schemas/resource.js';

/** A refusal shown on the page itself, in words for the volunteer. */
export class FreshnessAnswerError extends Error {}

const NOTE = 'via le lien de vérification du lieu';
const RATE_FIELDS: Record<string, RateUnit> = { rate_hour: 'hour', rate_half_day: 'half_day', rate_day: 'day', rate_week: 'week', rate_month: 'month' };
const LABELS: Record<string, string> = {
  description: 'Description',
  capacity: 'Capacité',
  'sharing.conditions': 'Conditions',
  bio: 'Présentation',
  openingHours: 'Horaires',
  'mobility.dailyVisitorCapacity': 'Visiteurs accueillis par jour',
  'mobility.preferentialDayRateCents': 'Tarif réseau journée',
};

function read<T>(label: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof CellError) throw new FreshnessAnswerError(`${label} : ${err.message}.`);
    throw err;
  }
}

const text = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v.trim());

function resourcePatch(before: Record<string, unknown>, f: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if ('description' in f) patch.description = text(f.description);
  if ('capacity' in f) patch.capacity = read('Capacité', () => parseInteger(f.capacity)) ?? null;
  // Public rates as typed; network and member rates are kept as they are.
  const rates = [...((before.rates as Rate[] | undefined) ?? [])];
  let ratesChanged = false;
  for (const [name, unit] of Object.entries(RATE_FIELDS)) {
    if (!(name in f)) continue;
    const cents = read('Tarif', () => parseMoneyCents(f[name]));
    const at = rates.findIndex((r) => r.unit === unit && r.audience === 'public');
    if (cents === undefined && at >= 0) rates.splice(at, 1);
    else if (cents !== undefined && at >= 0) rates[at] = { ...rates[at]!, amountCents: cents };
    else if (cents !== undefined) rates.push({ unit, audience: 'public', amountCents: cents });
    else continue;
    ratesChanged = true;
  }
  if (ratesChanged) patch.rates = rates;
  if ('conditions' in f) {
    const sharing = (before.sharing as Record<string, unknown> | undefined) ?? { lendable: false };
    const conditions = text(f.conditions);
    const next = { ...sharing };
    if (conditions === null || conditions === undefined) delete next.conditions;
    else next.conditions = conditions;
    patch.sharing = next;
  }
  return patch;
}

function placePatch(before: Record<string, unknown>, f: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if ('description' in f) patch.description = text(f.description);
  if ('openingHours' in f) patch.openingHours = text(f.openingHours);
  const mobility = before.mobility as Record<string, unknown> | undefined;
  if (mobility && ('dailyVisitorCapacity' in f || 'preferentialDayRate' in f)) {
    const next = { ...mobility };
    if ('dailyVisitorCapacity' in f) next.dailyVisitorCapacity = read('Visiteurs accueillis par jour', () => parseInteger(f.dailyVisitorCapacity)) ?? 0;
    if ('preferentialDayRate' in f) next.preferentialDayRateCents = read('Tarif réseau journée', () => parseMoneyCents(f.preferentialDayRate)) ?? 0;
    patch.mobility = next;
  }
  return patch;
}

/**
 * Primary course:
 * 1. the form names a record (`type:id`) and an action (verify, edit, archive);
 * 2. the record must belong to the link's place (the use case checks it again);
 * 3. the answer is applied through the use case; an edit also marks the record verified;
 * 4. returns the sentence the page shows.
 */
export async function applyFreshnessAnswer(deps: Deps, actor: Actor & { role: 'manager' }, f: Record<string, string>): Promise<string> {
  const m = /^(place|resource|person):([0-9A-Za-z_-]{1,64})$/.exec(f.record ?? '');
  if (!m) throw new FreshnessAnswerError('Fiche non reconnue : rechargez la page et recommencez.');
  const type = m[1] as DirectoryType;
  const id = m[2]!;
  const cfg = RECORD_TYPES[type];
  try {
    const before = (await getRecord(deps, type, id)) as unknown as Record<string, unknown> & { id: string };
    if (cfg.ownerPlaceId(before) !== actor.placeId) throw new FreshnessAnswerError('Cette fiche n’appartient pas à votre lieu.');
    const name = String(before.name ?? before.displayName ?? id);
    switch (f.action) {
      case 'verify':
        await verifyRecord(deps, actor, type, id, { note: NOTE });
        return `« ${name} » est marquée comme toujours exacte. Merci !`;
      case 'archive':
        await archiveRecord(deps, actor, type, id, { note: NOTE });
        return `« ${name} » est retirée de l’annuaire (archivée, rien n’est effacé).`;
      case 'edit': {
        const patch = type === 'resource' ? resourcePatch(before, f) : type === 'place' ? placePatch(before, f) : { ...('bio' in f ? { bio: text(f.bio) } : {}) };
        await updateRecord(deps, actor, type, id, { ...patch, verifiedAt: deps.now().toISOString() }, { note: NOTE });
        return `« ${name} » est corrigée et marquée comme vérifiée. Merci !`;
      }
      default:
        throw new FreshnessAnswerError('Action non reconnue : choisissez « Toujours exact », « À modifier » ou « N’existe plus ».');
    }
  } catch (err) {
    if (err instanceof ValidationError) {
      const lines = (err.errors ?? []).map((e) => `${LABELS[e.path] ?? e.path} : ${e.message}`);
      throw new FreshnessAnswerError(`La correction n’a pas été enregistrée. ${lines.join(' ; ')}.`);
    }
    if (err instanceof AppError && err.expose) throw new FreshnessAnswerError(err.message);
    throw err;
  }
}
