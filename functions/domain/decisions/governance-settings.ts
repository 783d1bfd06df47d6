import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { getGovernanceSettingsItem, putGovernanceSettingsItem } from '../../../integrations/dynamodb/decision-repository.js';
import { DEFAULT_GOVERNANCE_SETTINGS, GovernanceSettingsSchema, type GovernanceSettings, type GovernanceSettingsInput } from '../../../schemas/decision.js';

/** The settings in force: the saved ones, or the defaults of the issue (half the members, simple majority, one proxy each, no quorum on second call). */
export async function readGovernanceSettings(deps: Deps): Promise<GovernanceSettings> {
  const raw = await getGovernanceSettingsItem(deps.table);
  return raw ? GovernanceSettingsSchema.parse(raw) : { ...DEFAULT_GOVERNANCE_SETTINGS };
}

/** GET /v1/settings/governance (admin). */
export async function getGovernanceSettings(deps: Deps, actor: Actor): Promise<GovernanceSettings> {
  authorize(actor, 'governance.settings');
  return readGovernanceSettings(deps);
}

/**
 * PUT /v1/settings/governance (admin). Primary course:
 * 1. check the actor is the admin;
 * 2. write the settings and their audit entry (before/after) in one transaction.
 * Proposals already created keep the rule and quorum they were created with.
 */
export async function saveGovernanceSettings(deps: Deps, actor: Actor, input: GovernanceSettingsInput): Promise<GovernanceSettings> {
  authorize(actor, 'governance.settings');
  const before = await readGovernanceSettings(deps);
  const now = deps.now().toISOString();
  const after: GovernanceSettings = { ...input, updatedAt: now, updatedBy: actorLabel(actor) };
  await putGovernanceSettingsItem(deps.table, after, { id: deps.newId(), entityType: 'governance-settings', entityId: 'governance', action: 'update', actor: actorLabel(actor), at: now, before, after });
  return after;
}
