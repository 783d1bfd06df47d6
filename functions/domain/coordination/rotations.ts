/**
 * POST /v1/coordination/rotations (admin). Primary course:
 * 1. check the actor is the admin;
 * 2. read the base and the places from the directory (404 unknown base, 422 unknown or
 *    unlocated places asked for; places without coordinates are skipped by default, and said so);
 * 3. list the working days (given, or Monday–Friday without public holidays);
 * 4. plan (plan-rotation.ts, pure and deterministic) and store the plan with its audit entry.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { actorLabel } from '../actor.js';
import { authorize } from '../permissions.js';
import { NotFoundError, UnprocessableError } from '../errors.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { getRotationItem, putRotationItem } from '../../../integrations/dynamodb/coordination-repository.js';
import { RotationSchema, type Rotation, type RotationInput } from '../../../schemas/coordination.js';
import { planRotation, type PlannedPlace } from './plan-rotation.js';
import { weekdaysBetween } from './working-days.js';
import type { MapPoint } from './rotation-html.js';

export async function createRotation(deps: Deps, actor: Actor, input: RotationInput): Promise<Rotation> {
  authorize(actor, 'coordination.plan');
  const snapshot = await loadDirectorySnapshot(deps);
  const base = snapshot.placesById.get(input.basePlaceId);
  if (!base || base.archivedAt) throw new NotFoundError('Lieu de base', input.basePlaceId);
  if (!base.location) throw new UnprocessableError(`Le lieu de base « ${base.name} » n’a pas de coordonnées (location) : ajoutez-les pour estimer les distances.`, [{ path: 'basePlaceId', message: 'lieu sans coordonnées' }]);

  const skipped: Rotation['skipped'] = [];
  let candidates = input.placeIds ? [...new Set(input.placeIds)] : snapshot.places.filter((p) => !p.archivedAt && p.id !== base.id).map((p) => p.id);
  if (input.placeIds) {
    const errors = candidates.flatMap((id, i) => {
      const p = snapshot.placesById.get(id);
      if (!p || p.archivedAt) return [{ path: `placeIds.${i}`, message: 'lieu inconnu ou archivé' }];
      if (!p.location) return [{ path: `placeIds.${i}`, message: `« ${p.name} » n’a pas de coordonnées (location)` }];
      if (id === base.id) return [{ path: `placeIds.${i}`, message: 'la base n’est pas une étape' }];
      return [];
    });
    if (errors.length) throw new UnprocessableError('Certains lieux ne peuvent pas être planifiés.', errors);
  } else {
    for (const id of candidates) {
      const p = snapshot.placesById.get(id)!;
      if (!p.location) skipped.push({ placeId: p.id, placeName: p.name, reason: 'pas de coordonnées (location) dans l’annuaire' });
    }
    candidates = candidates.filter((id) => snapshot.placesById.get(id)!.location);
  }
  const unknownWeights = Object.keys(input.weights ?? {}).filter((id) => !candidates.includes(id));
  if (unknownWeights.length) throw new UnprocessableError('Des poids nomment des lieux absents de la rotation.', unknownWeights.map((id) => ({ path: `weights.${id}`, message: 'lieu absent de la rotation' })));
  if (candidates.length === 0) throw new UnprocessableError('Aucun lieu à visiter : indiquez placeIds, ou ajoutez des coordonnées aux lieux.');

  const days = input.days === 'weekdays' ? weekdaysBetween(input.from, input.to) : input.days;
  if (days.length === 0) throw new UnprocessableError(`Aucun jour travaillé entre le ${input.from} et le ${input.to}.`, [{ path: 'days', message: 'aucun jour' }]);

  const places: PlannedPlace[] = candidates.map((id) => {
    const p = snapshot.placesById.get(id)!;
    return { id, name: p.name, lat: p.location!.lat, lon: p.location!.lon, weight: input.weights?.[id] ?? 1 };
  });
  const plan = planRotation({ base: { id: base.id, name: base.name, ...base.location }, places, days, maxPlacesPerDay: input.maxPlacesPerDay });
  const now = deps.now().toISOString();
  const rotation: Rotation = {
    id: deps.newId(),
    from: input.from,
    to: input.to,
    basePlaceId: base.id,
    basePlaceName: base.name,
    maxPlacesPerDay: input.maxPlacesPerDay,
    ...plan,
    skipped,
    createdAt: now,
    createdBy: actorLabel(actor),
  };
  await putRotationItem(deps.table, rotation, { id: deps.newId(), entityType: 'rotation', entityId: rotation.id, action: 'create', actor: actorLabel(actor), at: now, after: { input, totalKm: rotation.totalKm } });
  return rotation;
}

export async function getRotation(deps: Deps, actor: Actor, id: string): Promise<Rotation> {
  authorize(actor, 'coordination.rotation.read');
  const raw = await getRotationItem(deps.table, id);
  if (!raw) throw new NotFoundError('Rotation', id);
  return RotationSchema.parse(raw);
}

/** The base and the places of a plan, located, for its map (a place since moved shows where it is now). */
export async function rotationMapPoints(deps: Deps, r: Rotation): Promise<{ base: MapPoint; points: Map<string, MapPoint> }> {
  const snapshot = await loadDirectorySnapshot(deps);
  const point = (id: string, name: string): MapPoint | undefined => {
    const loc = snapshot.placesById.get(id)?.location;
    return loc ? { id, name, lat: loc.lat, lon: loc.lon } : undefined;
  };
  const base = point(r.basePlaceId, r.basePlaceName);
  if (!base) throw new UnprocessableError(`Le lieu de base « ${r.basePlaceName} » n’a plus de coordonnées : la carte ne peut pas être dessinée.`);
  const points = new Map<string, MapPoint>();
  for (const v of r.visitsPerPlace) {
    const p = point(v.placeId, v.placeName);
    if (p) points.set(p.id, p);
  }
  return { base, points };
}
