/** The communication kit: shared templates, pitches, logos, guides… that places pick from. */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError, fieldErrorsFromZod } from '../errors.js';
import { normalizeText, matchesQuery } from '../directory/text.js';
import { pageByOffset } from '../paging.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { getKitAsset, kitAssetItems, listKitAssets } from '../../../integrations/dynamodb/kit-repository.js';
import { TransactionConditionFailed, writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';
import { KitAssetSchema, type KitAsset, type KitAssetInput, type KitKind } from '../../../schemas/kit.js';

export async function getAsset(deps: Deps, assetId: string): Promise<KitAsset> {
  const raw = await getKitAsset(deps.table, assetId);
  if (!raw) throw new NotFoundError('Élément du kit', assetId);
  return KitAssetSchema.parse(raw);
}

async function requirePlace(deps: Deps, placeId: string | undefined): Promise<void> {
  if (!placeId) return;
  const raw = await getDirectoryRecordById(deps.table, 'place', placeId);
  if (!raw || raw.archivedAt) throw new UnprocessableError(`Le lieu « ${placeId} » n’existe pas ou est archivé.`, [{ path: 'placeId', message: 'lieu inconnu ou archivé' }]);
}

/** Writes the asset and its audit entry; 409 when it changed since it was read. */
export async function saveAsset(deps: Deps, actor: Actor, action: string, before: KitAsset | undefined, after: KitAsset, note?: string): Promise<KitAsset> {
  const checked = KitAssetSchema.safeParse(after);
  if (!checked.success) throw new ValidationError(fieldErrorsFromZod(checked.error.issues));
  const audit = { id: deps.newId(), entityType: 'kit-asset', entityId: after.id, action, actor: actorLabel(actor), at: deps.now().toISOString(), before, after, note };
  try {
    await writeLabelledTransaction(deps.table, kitAssetItems(deps.table, checked.data, audit));
  } catch (err) {
    if (err instanceof TransactionConditionFailed) throw new ConflictError(`L’élément « ${after.id} » a été modifié entre-temps ; relisez-le puis recommencez.`);
    throw err;
  }
  return checked.data;
}

/**
 * POST /v1/kit. Primary course:
 * 1. check the actor may write the asset's place (no place: a network asset, admin only);
 * 2. check the place exists;
 * 3. write the asset and its audit entry in one transaction.
 */
export async function createAsset(deps: Deps, actor: Actor, input: KitAssetInput, note?: string): Promise<KitAsset> {
  authorize(actor, 'kit.write', input.placeId);
  await requirePlace(deps, input.placeId);
  const now = deps.now().toISOString();
  return saveAsset(deps, actor, 'create', undefined, { ...input, id: deps.newId(), createdAt: now, updatedAt: now, version: 1 }, note);
}

/** PATCH /v1/kit/{assetId}: fields sent replace, null clears; moving it needs the right on both places. */
export async function updateAsset(deps: Deps, actor: Actor, assetId: string, patch: Record<string, unknown>, opts: { expectedVersion?: number; note?: string } = {}): Promise<KitAsset> {
  const before = await getAsset(deps, assetId);
  authorize(actor, 'kit.write', before.placeId);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) throw new ConflictError(`Version ${opts.expectedVersion} attendue, version actuelle ${before.version}.`);
  const merged: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else if (v !== undefined) merged[k] = v;
  }
  const after = { ...merged, updatedAt: deps.now().toISOString(), version: before.version + 1 } as KitAsset;
  if (after.placeId !== before.placeId) {
    authorize(actor, 'kit.write', after.placeId);
    await requirePlace(deps, after.placeId);
  }
  return saveAsset(deps, actor, 'update', before, after, opts.note);
}

/** DELETE /v1/kit/{assetId}: archived (leaves the lists), never destroyed. */
export async function archiveAsset(deps: Deps, actor: Actor, assetId: string, note?: string): Promise<KitAsset> {
  const before = await getAsset(deps, assetId);
  authorize(actor, 'kit.write', before.placeId);
  if (before.archivedAt) return before;
  const now = deps.now().toISOString();
  return saveAsset(deps, actor, 'archive', before, { ...before, archivedAt: now, updatedAt: now, version: before.version + 1 }, note);
}

export interface KitSearch {
  q?: string;
  kind?: KitKind;
  tag?: string;
  placeId?: string;
  includeArchived?: boolean;
  limit: number;
  cursor?: string;
}

/** Every asset, archived ones included (the sync needs them). */
export async function allAssets(deps: Deps): Promise<KitAsset[]> {
  return (await listKitAssets(deps.table)).map((r) => KitAssetSchema.parse(r));
}

/** GET /v1/kit: public search, accent-insensitive over title, description and tags; by title. */
export async function searchAssets(deps: Deps, s: KitSearch): Promise<{ items: KitAsset[]; nextCursor?: string }> {
  const tag = s.tag ? normalizeText(s.tag) : undefined;
  const items = (await allAssets(deps))
    .filter((a) => s.includeArchived || !a.archivedAt)
    .filter((a) => !s.kind || a.kind === s.kind)
    .filter((a) => !s.placeId || a.placeId === s.placeId)
    .filter((a) => !tag || a.tags.some((t) => normalizeText(t) === tag))
    .filter((a) => !s.q || matchesQuery(normalizeText([a.title, a.description, a.tags.join(' '), a.licence].join(' ')), s.q))
    .sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  return pageByOffset(items, s.limit, s.cursor);
}

/** What the public sees of an asset: never the storage key. */
export function presentAsset(a: KitAsset): Omit<KitAsset, 'fileKey'> {
  const { fileKey, ...shown } = a;
  void fileKey;
  return shown;
}
