/**
 * Demo data of the valuation and the rotating coordinator, loaded after the directory:
 * a year of volunteer contributions (hours at three levels, trips, rooms lent at their
 * public rate, a few gifts) across places and projects, a volunteer coordinator, a
 * rotation plan for the coming weeks and a few visit logs. Through the API's use cases.
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { AppError } from '../../functions/domain/errors.js';
import { loadDirectorySnapshot } from '../../functions/domain/directory/snapshot.js';
import { createContribution } from '../../functions/domain/valuation/contributions.js';
import { saveValuationSettings } from '../../functions/domain/valuation/settings.js';
import { createRotation } from '../../functions/domain/coordination/rotations.js';
import { recordCoordinationVisit } from '../../functions/domain/coordination/visits.js';
import { weekdaysBetween, addDays } from '../../functions/domain/coordination/working-days.js';
import { todayInParis } from '../../functions/domain/mobility/periods.js';
import { ValuationSettingsInputSchema } from '../../schemas/valuation-settings.js';
import type { ContributionInput } from '../../schemas/contribution.js';

const SEED_ACTOR: Actor = { role: 'system', id: 'seed:demo' };
const PROJECTS = ['Fabrique numérique', 'Jardins partagés', undefined, 'Forum des tiers-lieux'];
const ACTIVITIES: [string, 'execution' | 'supervision' | 'expertise'][] = [
  ['Accueil et permanence', 'execution'],
  ['Animation d’atelier', 'supervision'],
  ['Réparation de matériel', 'expertise'],
  ['Comptabilité de l’association', 'expertise'],
  ['Jardinage', 'execution'],
];

export async function loadDemoValuation(deps: Deps): Promise<{ contributions: number; rotationId?: string; visits: number }> {
  const snapshot = await loadDirectorySnapshot(deps);
  const places = [...snapshot.places].filter((p) => !p.archivedAt).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const people = [...snapshot.people].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  if (places.length < 3 || people.length < 4) return { contributions: 0, visits: 0 };
  const lendable = (await snapshot.resourcesWithRecords()).filter((r) => r.resource.rates.some((x) => x.audience === 'public' && (x.unit === 'day' || x.unit === 'half_day')));

  const coordinator = people[0]!;
  await saveValuationSettings(deps, SEED_ACTOR, ValuationSettingsInputSchema.parse({ coordinator: { personId: coordinator.id, volunteer: true, vehicle: { fiscalHorsepower: 5, electric: false } } }));

  const today = todayInParis(deps.now());
  let contributions = 0;
  const add = async (input: ContributionInput) => {
    try {
      await createContribution(deps, SEED_ACTOR, input);
      contributions++;
    } catch (err) {
      // A figure missing for an old day, a resource without that rate: the demo skips it.
      if (!(err instanceof AppError && err.status < 500)) throw err;
    }
  };
  // A year back from today, one contribution every ten days (deterministic; kept small: npm start loads it).
  for (let i = 0; i < 36; i++) {
    const date = addDays(today, -355 + i * 10);
    const person = people[(i * 7) % Math.min(people.length, 10)]!;
    const place = snapshot.placesById.get(person.homePlaceId) ?? places[i % places.length]!;
    const project = PROJECTS[i % PROJECTS.length];
    const [activity, level] = ACTIVITIES[i % ACTIVITIES.length]!;
    const kind = i % 6;
    if (kind <= 2) {
      await add({ kind: 'time', date, placeId: place.id, personId: person.id, activity, level, hours: 1.5 + ((i * 3) % 12) / 2, ...(project ? { project } : {}) });
    } else if (kind === 3) {
      await add({ kind: 'mileage', date, placeId: place.id, personId: person.id, activity: 'Transport de matériel', km: 18 + ((i * 37) % 140), vehicle: { fiscalHorsepower: 4 + (i % 3), electric: i % 4 === 0 }, ...(project ? { project } : {}) });
    } else if (kind === 4 && lendable.length) {
      const r = lendable[i % lendable.length]!;
      const rate = r.resource.rates.find((x) => x.audience === 'public' && (x.unit === 'day' || x.unit === 'half_day'))!;
      await add({ kind: 'in_kind', date, placeId: r.place.id, activity: `Prêt gratuit : ${r.resource.name}`, resourceId: r.resource.id, quantity: 1 + (i % 2), unit: rate.unit, ...(project ? { project } : {}) });
    } else {
      await add({ kind: 'in_kind', date, placeId: place.id, activity: 'Don de matériaux', valueCents: 2500 + ((i * 1300) % 20_000), note: 'Valeur de remplacement relevée sur le catalogue d’un fournisseur' });
    }
  }

  // A rotation for the next four weeks from the network's first place, and three past visits.
  const base = places.find((p) => p.location)!;
  const from = addDays(today, 1);
  let rotationId: string | undefined;
  if (weekdaysBetween(from, addDays(from, 27)).length > 0) {
    const weights = Object.fromEntries(places.filter((p) => p.id !== base.id && p.location).slice(0, 2).map((p) => [p.id, 2]));
    rotationId = (await createRotation(deps, SEED_ACTOR, { from, to: addDays(from, 27), days: 'weekdays', basePlaceId: base.id, weights, maxPlacesPerDay: 2 })).id;
  }
  let visits = 0;
  for (const [k, place] of places.filter((p) => p.id !== base.id).slice(0, 3).entries()) {
    await recordCoordinationVisit(deps, SEED_ACTOR, {
      placeId: place.id,
      date: addDays(today, -30 + k * 9),
      notes: `Rencontre avec l’équipe de ${place.name} : point sur l’accueil des coworkers et les événements du trimestre.`,
      todos: ['Mettre à jour les horaires dans l’annuaire', 'Relayer le prochain atelier'],
      km: 24 + k * 17,
      confirmDirectory: k === 0,
    });
    visits++;
  }
  return { contributions, rotationId, visits };
}
