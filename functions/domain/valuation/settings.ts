import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { getValuationSettingsItem, putValuationSettingsItem } from '../../../integrations/dynamodb/contribution-repository.js';
import { ValuationSettingsSchema, defaultValuationSettings, type ValuationSettings, type ValuationFigures } from '../../../schemas/valuation-settings.js';

/** The settings in force: the saved ones, or the official figures when never saved. */
export async function readValuationSettings(deps: Deps): Promise<ValuationSettings> {
  const raw = await getValuationSettingsItem(deps.table);
  return raw ? ValuationSettingsSchema.parse(raw) : defaultValuationSettings();
}

/** GET /v1/settings/valuation (admin). */
export async function getValuationSettings(deps: Deps, actor: Actor): Promise<ValuationSettings> {
  authorize(actor, 'valuation.settings');
  return readValuationSettings(deps);
}

/**
 * PUT /v1/settings/valuation (admin). Primary course:
 * 1. check the actor is the admin;
 * 2. fields left out take the official defaults (validated by the schema already);
 * 3. write the settings with an audit entry (before/after) in one transaction.
 * Reports are computed from the figures in force when they are asked for; past years stay
 * reproducible as long as the dated figures of those years are kept.
 */
export async function saveValuationSettings(deps: Deps, actor: Actor, input: ValuationFigures): Promise<ValuationSettings> {
  authorize(actor, 'valuation.settings');
  const before = await readValuationSettings(deps);
  const now = deps.now().toISOString();
  const after: ValuationSettings = { ...input, updatedAt: now, updatedBy: actorLabel(actor) };
  await putValuationSettingsItem(deps.table, after, { id: deps.newId(), entityType: 'valuation-settings', entityId: 'valuation', action: 'update', actor: actorLabel(actor), at: now, before, after });
  return after;
}
