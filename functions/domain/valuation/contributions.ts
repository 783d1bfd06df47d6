/**
 * Use cases that record and change volunteer contributions. Each write:
 * 1. checks the actor may act for the contribution's place (and the new place when it moves);
 * 2. checks the kind's rules on the whole resulting record (hours, km + vehicle, resource or value);
 * 3. checks the place (and person, resource) exist, and that dated figures exist for its day;
 * 4. fixes the value of a resource lent (its public rate as published on that day);
 * 5. writes the contribution with its audit entry, with an optimistic version check (409).
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError, fieldErrorsFromZod } from '../errors.js';
import { requireContributionWriter } from './valuation-access.js';
import { getContributionItem, saveContributionItem, StaleContributionError } from '../../../integrations/dynamodb/contribution-repository.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { ContributionSchema, contributionRuleErrors, type Contribution, type ContributionInput } from '../../../schemas/contribution.js';
import { readValuationSettings } from './settings.js';
import { smicEntryOn } from './time-value.js';
import { mileageGridFor } from './mileage.js';
import { valueLoan } from './resource-versions.js';

export async function loadContribution(deps: Deps, id: string): Promise<Contribution> {
  const raw = await getContributionItem(deps.table, id);
  if (!raw) throw new NotFoundError('Contribution', id);
  return ContributionSchema.parse(raw);
}

async function checkReferences(deps: Deps, c: Contribution): Promise<void> {
  const place = await getDirectoryRecordById(deps.table, 'place', c.placeId);
  if (!place) throw new UnprocessableError(`Le lieu « ${c.placeId} » n’existe pas.`, [{ path: 'placeId', message: 'lieu inconnu' }]);
  if (place.archivedAt) throw new UnprocessableError(`Le lieu « ${c.placeId} » est archivé.`, [{ path: 'placeId', message: 'lieu archivé' }]);
  if (c.personId && !(await getDirectoryRecordById(deps.table, 'person', c.personId))) {
    throw new UnprocessableError(`La personne « ${c.personId} » n’existe pas dans l’annuaire ; pour un bénévole qui n’y figure pas, donnez son nom (volunteerName).`, [{ path: 'personId', message: 'personne inconnue' }]);
  }
  const figures = await readValuationSettings(deps);
  if (c.kind === 'time') smicEntryOn(figures, c.date);
  if (c.kind === 'mileage') mileageGridFor(figures, Number(c.date.slice(0, 4)));
}

function validate(candidate: Record<string, unknown>): Contribution {
  const rules = contributionRuleErrors(candidate);
  if (rules.length) throw new ValidationError(rules);
  const parsed = ContributionSchema.safeParse(candidate);
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
  return parsed.data;
}

async function withLoanValue(deps: Deps, c: Contribution): Promise<Contribution> {
  const { lent, ...rest } = c;
  void lent;
  if (c.kind !== 'in_kind' || !c.resourceId) return rest as Contribution;
  return { ...rest, lent: await valueLoan(deps, c.resourceId, c.date, c.quantity!, c.unit!) } as Contribution;
}

async function save(deps: Deps, actor: Actor, action: string, before: Contribution | undefined, after: Contribution, note?: string): Promise<void> {
  try {
    await saveContributionItem(deps.table, after, before?.version ?? 0, { id: deps.newId(), entityType: 'contribution', entityId: after.id, action, actor: actorLabel(actor), at: deps.now().toISOString(), before, after, note });
  } catch (err) {
    if (err instanceof StaleContributionError) throw new ConflictError(`La contribution « ${after.id} » a été modifiée entre-temps ; relisez-la puis recommencez.`);
    throw err;
  }
}

/** `opts.id`: an id chosen by the caller (a coordination visit's retry must not create a second trip). */
export async function createContribution(deps: Deps, actor: Actor, input: ContributionInput, opts: { note?: string; id?: string } = {}): Promise<Contribution> {
  requireContributionWriter(actor, input.placeId);
  const now = deps.now().toISOString();
  const level = input.kind === 'time' ? { level: input.level ?? 'execution' } : {};
  const candidate = validate({ ...input, ...level, id: opts.id ?? deps.newId(), createdAt: now, updatedAt: now, version: 1, createdBy: actorLabel(actor) });
  await checkReferences(deps, candidate);
  const record = await withLoanValue(deps, candidate);
  await save(deps, actor, 'create', undefined, record, opts.note);
  return record;
}

/** PATCH: fields given replace, `null` clears an optional field; the whole result is checked again. */
export async function updateContribution(deps: Deps, actor: Actor, id: string, patch: Record<string, unknown>, opts: { expectedVersion?: number; note?: string } = {}): Promise<Contribution> {
  const before = await loadContribution(deps, id);
  requireContributionWriter(actor, before.placeId);
  if (before.archivedAt) throw new UnprocessableError(`La contribution « ${id} » est archivée : elle ne se modifie plus.`);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) throw new ConflictError(`Version ${opts.expectedVersion} attendue, version actuelle ${before.version}.`);
  const merged: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else if (v !== undefined) merged[k] = v;
  }
  if (merged.kind === 'time' && merged.level === undefined) merged.level = 'execution';
  merged.updatedAt = deps.now().toISOString();
  merged.version = before.version + 1;
  const candidate = validate(merged);
  if (candidate.placeId !== before.placeId) requireContributionWriter(actor, candidate.placeId);
  await checkReferences(deps, candidate);
  const record = await withLoanValue(deps, candidate);
  await save(deps, actor, 'update', before, record, opts.note);
  return record;
}

/** DELETE archives: the contribution stops counting, the audit keeps its history. */
export async function archiveContribution(deps: Deps, actor: Actor, id: string, opts: { note?: string } = {}): Promise<Contribution> {
  const before = await loadContribution(deps, id);
  requireContributionWriter(actor, before.placeId);
  if (before.archivedAt) return before;
  const now = deps.now().toISOString();
  const record: Contribution = { ...before, archivedAt: now, updatedAt: now, version: before.version + 1 };
  await save(deps, actor, 'archive', before, record, opts.note);
  return record;
}
