import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { getMobilitySettingsItem, putMobilitySettingsItem } from '../../../integrations/dynamodb/mobility-settings-repository.js';
import { DEFAULT_MOBILITY_SETTINGS, MobilitySettingsSchema, type MobilitySettings, type MobilitySettingsInput } from '../../../schemas/mobility-settings.js';

/** The settings in force: the saved ones, or the demo defaults when never set. */
export async function readMobilitySettings(deps: Deps): Promise<MobilitySettings> {
  const raw = await getMobilitySettingsItem(deps.table);
  return raw ? MobilitySettingsSchema.parse(raw) : { ...DEFAULT_MOBILITY_SETTINGS };
}

/** GET /v1/settings/mobility (admin). */
export async function getMobilitySettings(deps: Deps, actor: Actor): Promise<MobilitySettings> {
  authorize(actor, 'mobility.settings');
  return readMobilitySettings(deps);
}

/**
 * PUT /v1/settings/mobility (admin). Primary course:
 * 1. check the actor is the admin;
 * 2. write the new settings with an audit entry (before/after) in one transaction.
 * Visits already recorded keep the amounts they were posted with.
 */
export async function saveMobilitySettings(deps: Deps, actor: Actor, input: MobilitySettingsInput): Promise<MobilitySettings> {
  authorize(actor, 'mobility.settings');
  const before = await readMobilitySettings(deps);
  const now = deps.now().toISOString();
  const after: MobilitySettings = { ...input, updatedAt: now, updatedBy: actorLabel(actor) };
  await putMobilitySettingsItem(deps.table, after, { id: deps.newId(), entityType: 'mobility-settings', entityId: 'mobility', action: 'update', actor: actorLabel(actor), at: now, before, after });
  return after;
}
