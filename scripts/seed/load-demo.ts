/**
 * Loads the demo data set through the same use cases the API uses, so every
 * record is validated and audited like a real one.
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { createRecord, verifyRecord } from '../../functions/domain/directory/write-records.js';
import { demoPeople, demoPlaces, demoResources } from './demo-data.js';
import { loadDemoEvents } from './demo-events.js';
import { loadDemoMobility } from './demo-mobility.js';
import { loadDemoDecisions } from './demo-decisions.js';
import { loadDemoCheckin } from './demo-checkin.js';
import { demoLegalId } from './demo-opendata.js';
import { loadDemoFinance } from './demo-finance.js';
import { loadDemoValuation } from './demo-valuation.js';
import { loadDemoKit } from './demo-kit.js';

const SEED_ACTOR: Actor = { role: 'system', id: 'seed:demo' };
const DAY_MS = 86_400_000;

function strip<T extends Record<string, unknown>>(o: T, ...drop: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...o };
  for (const k of drop) delete out[k];
  return out;
}

export async function loadDemoData(deps: Deps): Promise<{ places: number; resources: number; people: number; placeIds: Record<string, string> }> {
  const at = (daysAgo: number): Deps => ({ ...deps, now: () => new Date(deps.now().getTime() - daysAgo * DAY_MS) });
  const placeIds: Record<string, string> = {};
  const add = async (type: 'place' | 'resource' | 'person', input: Record<string, unknown>, verifiedDaysAgo: number | undefined) => {
    // Created a while before its last check, so "never verified" records show up as stale.
    const created = await createRecord(at((verifiedDaysAgo ?? 240) + 30), SEED_ACTOR, type, input);
    if (verifiedDaysAgo !== undefined) await verifyRecord(at(verifiedDaysAgo), SEED_ACTOR, type, created.id);
    return created.id;
  };
  for (const p of demoPlaces) placeIds[p.key] = await add('place', { ...strip(p, 'key', 'verifiedDaysAgo'), ...demoLegalId(p.key) }, p.verifiedDaysAgo);
  for (const r of demoResources) await add('resource', { ...strip(r, 'placeKey', 'verifiedDaysAgo'), placeId: placeIds[r.placeKey] }, r.verifiedDaysAgo);
  for (const p of demoPeople) await add('person', { ...strip(p, 'placeKey', 'verifiedDaysAgo'), homePlaceId: placeIds[p.placeKey] }, p.verifiedDaysAgo);
  await loadDemoMobility(deps);
  await loadDemoCheckin(deps);
  await loadDemoEvents(deps, placeIds);
  await loadDemoDecisions(deps);
  await loadDemoFinance(deps);
  await loadDemoValuation(deps);
  await loadDemoKit(deps, placeIds);
  return { places: demoPlaces.length, resources: demoResources.length, people: demoPeople.length, placeIds };
}
