/**
 * One settings document of the network (GET|PUT /v1/settings/<name>, admin): read with its
 * defaults when never saved, saved with an audit entry (before/after) in one transaction.
 * Each feature declares its own (mobility, governance, valuation…); the rules are the same.
 */
import type { Deps } from './deps.js';
import type { Actor } from './actor.js';
import { actorLabel } from './actor.js';
import { channelOf } from './audit.js';
import { authorize, type Action } from './permissions.js';
import { getSettingsItem, putSettingsItem, type SettingsKey } from '../../integrations/dynamodb/settings-repository.js';

export interface SettingsStore<S, I> {
  /** The settings in force: the saved ones, or the defaults. No access check (use cases read them). */
  read(deps: Deps): Promise<S>;
  /** GET (the action's roles). */
  get(deps: Deps, actor: Actor): Promise<S>;
  /** PUT: the whole document replaced, stamped and audited. */
  save(deps: Deps, actor: Actor, input: I): Promise<S>;
}

export function settingsStore<S, I extends object>(o: { name: string; action: Action; key: () => SettingsKey; parse: (raw: unknown) => S; defaults: () => S }): SettingsStore<S, I> {
  const entity = `${o.name}-settings`;
  const read = async (deps: Deps) => {
    const raw = await getSettingsItem(deps.table, o.key());
    return raw ? o.parse(raw) : o.defaults();
  };
  return {
    read,
    async get(deps, actor) {
      authorize(actor, o.action);
      return read(deps);
    },
    async save(deps, actor, input) {
      authorize(actor, o.action);
      const before = await read(deps);
      const now = deps.now().toISOString();
      const after = { ...input, updatedAt: now, updatedBy: actorLabel(actor) } as unknown as S;
      await putSettingsItem(deps.table, o.key(), entity, after as Record<string, unknown>, { id: deps.newId(), entityType: entity, entityId: o.name, action: 'update', actor: actorLabel(actor), at: now, before, after, note: `canal : ${channelOf(actor)}` });
      return after;
    },
  };
}
