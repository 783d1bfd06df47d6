/**
 * The Kit tab, through the kit use cases (functions/domain/kit/kit-assets.ts): a row creates
 * an asset, an edited row updates it, deleting the row archives it as DELETE /v1/kit/{id} does.
 * An uploaded file shows its address in `Lien`; the row does not replace a file by a link.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { NotFoundError } from '../errors.js';
import { allAssets, archiveAsset, createAsset, getAsset, updateAsset } from '../kit/kit-assets.js';
import { KitAssetInputSchema, type KitAsset, type KitAssetInput } from '../../../schemas/kit.js';
import { KIT_FIELD_HEADERS, parseKitRow, renderKitRow } from '../../../integrations/sheets/rows/kit-rows.js';
import { fieldErrorsFromZod, ValidationError } from '../errors.js';
import type { SyncedRecord, TabAdapter } from './tab-adapter.js';
import { depsWithFirstId, reasonsFor } from './directory-adapters.js';
import { stableStringify } from './row-hash.js';

const FIELDS = ['title', 'kind', 'description', 'url', 'licence', 'language', 'tags', 'placeId'] as const;
const asRecord = (a: KitAsset) => a as unknown as SyncedRecord;

function validInput(input: Record<string, unknown>): KitAssetInput {
  const p = KitAssetInputSchema.safeParse(input);
  if (!p.success) throw new ValidationError(fieldErrorsFromZod(p.error.issues));
  return p.data;
}

export function kitAdapter(deps: Deps, actor: Actor): TabAdapter {
  return {
    tab: 'Kit',
    entityType: 'kit-asset',
    async loadRecords() {
      return (await allAssets(deps)).map(asRecord);
    },
    async loadOne(id) {
      try {
        return asRecord(await getAsset(deps, id));
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
    },
    parse: (cells, ctx) => parseKitRow(cells, ctx),
    render: (rec, ctx) => renderKitRow(rec as unknown as KitAsset, ctx),
    check(input) {
      const p = KitAssetInputSchema.safeParse(input);
      return p.success ? [] : reasonsFor(new ValidationError(fieldErrorsFromZod(p.error.issues)), KIT_FIELD_HEADERS);
    },
    async create(input, id, w) {
      return asRecord(await createAsset(depsWithFirstId(deps, id), actor, validInput(input), w.note));
    },
    async update(existing, input, w) {
      const a = existing as unknown as KitAsset;
      // An uploaded file shows as the row's link: the same address is not a new link.
      const typed = { ...input };
      if (!a.url && a.fileUrl && typed.url === a.fileUrl) delete typed.url;
      const next = validInput(typed) as Record<string, unknown>;
      const patch: Record<string, unknown> = {};
      let changed = false;
      for (const k of FIELDS) {
        if (stableStringify(next[k] ?? null) !== stableStringify(existing[k] ?? null)) changed = true;
        patch[k] = next[k] ?? null;
      }
      if (!changed) return undefined;
      return asRecord(await updateAsset(deps, actor, existing.id, patch, { expectedVersion: existing.version, note: w.note }));
    },
    async archive(rec, note) {
      await archiveAsset(deps, actor, rec.id, note);
    },
    archivedMessage: '✗ Élément du kit archivé : il n’apparaît plus dans le kit (vous pouvez supprimer la ligne)',
    reasons: (err) => reasonsFor(err, KIT_FIELD_HEADERS),
  };
}
