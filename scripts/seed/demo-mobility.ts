/**
 * Demo mobility data, loaded after the directory: network settings, two passes, a
 * few weeks of visits under the three schemes (this month and the previous one, so
 * statements and settlements have something to show), one cancellation and a
 * membership fee. Written through the same use cases as the API.
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { AppError } from '../../functions/domain/errors.js';
import { listDirectoryRecordsByType } from '../../integrations/dynamodb/directory-repository.js';
import { PersonSchema } from '../../schemas/person.js';
import { PlaceSchema } from '../../schemas/place.js';
import { saveMobilitySettings } from '../../functions/domain/mobility/settings.js';
import { createPass } from '../../functions/domain/mobility/passes.js';
import { recordVisit } from '../../functions/domain/mobility/record-visit.js';
import { cancelVisit } from '../../functions/domain/mobility/cancel-visit.js';
import { postManualEntry } from '../../functions/domain/mobility/ledger-entries.js';
import { firstDayOf, monthOf, todayInParis } from '../../functions/domain/mobility/periods.js';
import type { VisitScheme } from '../../schemas/visit.js';

const SEED_ACTOR: Actor = { role: 'system', id: 'seed:demo' };
const SCHEMES: VisitScheme[] = ['retrocession', 'preferential', 'retrocession'];

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function loadDemoMobility(deps: Deps): Promise<{ visits: number; passes: number }> {
  const places = (await listDirectoryRecordsByType(deps.table, 'place')).map((r) => PlaceSchema.parse(r)).sort((a, b) => a.name.localeCompare(b.name));
  const people = (await listDirectoryRecordsByType(deps.table, 'person')).map((r) => PersonSchema.parse(r)).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const hosts = places.filter((p) => p.mobility?.acceptsVisitors);
  if (hosts.length < 2 || people.length < 4) return { visits: 0, passes: 0 };
  await saveMobilitySettings(deps, SEED_ACTOR, { dayValueCents: 2000, retrocessionShare: 0.5, passDayRateCents: 1200 });

  const today = todayInParis(deps.now());
  const months = [previousMonth(monthOf(today)), monthOf(today)];
  const passHolders = people.slice(0, 2);
  for (const p of passHolders) {
    await createPass(deps, SEED_ACTOR, { personId: p.id, period: 'month', daysPerPeriod: 4, priceCents: 6000, startsOn: firstDayOf(months[0]!) });
  }

  let visits = 0;
  let first: string | undefined;
  for (let i = 0; i < 30; i++) {
    const month = months[i % 2]!;
    const day = 1 + ((i * 7) % 27);
    const date = `${month}-${String(day).padStart(2, '0')}`;
    if (date > today) continue;
    const person = people[(i * 5) % Math.min(people.length, 12)]!;
    const host = hosts[(i * 3 + 1) % hosts.length]!;
    const scheme: VisitScheme = passHolders.includes(person) ? 'pass' : SCHEMES[i % SCHEMES.length]!;
    try {
      const { visit } = await recordVisit(deps, SEED_ACTOR, { personId: person.id, hostPlaceId: host.id, date, scheme }, `demo-visit-${i}`);
      first ??= visit.id;
      visits++;
    } catch (err) {
      // Home place, full day, pass days used up: the demo simply skips that visit.
      if (!(err instanceof AppError && (err.status === 409 || err.status === 422))) throw err;
    }
  }
  if (first) await cancelVisit(deps, SEED_ACTOR, first);
  await postManualEntry(deps, SEED_ACTOR, { date: firstDayOf(months[0]!), memo: 'Cotisation annuelle au réseau', postings: [{ from: `place:${places[0]!.id}`, to: 'network', amountCents: 15000 }] });
  return { visits, passes: passHolders.length };
}
