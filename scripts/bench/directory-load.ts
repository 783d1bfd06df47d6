/**
 * A large invented directory for the API bench (50 places, 2,000 resources by default),
 * written through the same use case as the API (validated, audited, version bumped)
 * with a few writes in flight at once. Deterministic: the same seed gives the same data.
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { createRecord } from '../../functions/domain/directory/write-records.js';
import { SUGGESTED_CATEGORIES, RESOURCE_KINDS, type ResourceKind } from '../../schemas/resource.js';
import { newId } from '../../functions/domain/ids.js';
import { DirectoryIndex } from '../../functions/domain/directory/index/directory-index.js';
import { PlaceSchema, type Place } from '../../schemas/place.js';
import { ResourceSchema, type Resource } from '../../schemas/resource.js';

const LOADER: Actor = { role: 'system', id: 'bench:load' };

/** Dordogne communes with their postcode and approximate centre. */
export const COMMUNES = [
  { commune: 'Périgueux', postcode: '24000', lat: 45.184, lon: 0.721 },
  { commune: 'Bergerac', postcode: '24100', lat: 44.853, lon: 0.483 },
  { commune: 'Sarlat-la-Canéda', postcode: '24200', lat: 44.889, lon: 1.216 },
  { commune: 'Nontron', postcode: '24300', lat: 45.529, lon: 0.662 },
  { commune: 'Ribérac', postcode: '24600', lat: 45.25, lon: 0.338 },
  { commune: 'Thiviers', postcode: '24800', lat: 45.416, lon: 0.92 },
  { commune: 'Terrasson-Lavilledieu', postcode: '24120', lat: 45.13, lon: 1.3 },
  { commune: 'Montpon-Ménestérol', postcode: '24700', lat: 45.009, lon: 0.159 },
  { commune: 'Mussidan', postcode: '24400', lat: 45.036, lon: 0.362 },
  { commune: 'Brantôme en Périgord', postcode: '24310', lat: 45.361, lon: 0.65 },
  { commune: 'Excideuil', postcode: '24160', lat: 45.338, lon: 1.047 },
  { commune: 'Le Buisson-de-Cadouin', postcode: '24480', lat: 44.823, lon: 0.908 },
] as const;

const PLACE_KINDS = ['Coworking', 'Fablab', 'Atelier partagé', 'Tiers-lieu rural', 'Ressourcerie', 'Café associatif'];
const TAGS = ['coworking', 'fablab', 'atelier', 'ressourcerie', 'cafe', 'numerique', 'artisanat', 'jardin'];
const USES: Record<ResourceKind, string[]> = {
  space: ['réunion', 'formation', 'télétravail', 'atelier', 'résidence', 'exposition', 'hébergement', 'répétition'],
  equipment: ['prêt', 'événement', 'prototypage', 'bricolage', 'vidéo', 'sonorisation', 'couture', 'bien-être'],
  other: ['troc', 'lecture', 'jeu', 'entraide', 'graines'],
};
const NAMES: Record<string, string> = {
  desk: 'Poste de coworking', meeting_room: 'Salle de réunion', training_room: 'Salle de formation', workshop: 'Atelier bois',
  lodging: 'Gîte d’étape', event_hall: 'Grande salle', kitchen: 'Cuisine partagée', garden: 'Jardin partagé', studio: 'Studio son',
  computer: 'Ordinateur portable', projector: 'Vidéoprojecteur', tool: 'Perceuse à colonne', event_gear: 'Barnum 3×6',
  massage_table: 'Table de massage pliante', av_lighting: 'Kit d’éclairage LED', sound: 'Sonorisation portable',
  printer_3d: 'Imprimante 3D', laser_cutter: 'Découpeuse laser', sewing: 'Machine à coudre', vehicle: 'Vélo cargo électrique',
  seed_library: 'Grainothèque', books: 'Bibliothèque partagée', games: 'Ludothèque', service: 'Aide à la comptabilité',
};

/** Small seeded generator (mulberry32) so two runs load the same directory. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

export function placeInput(rnd: () => number, i: number): Record<string, unknown> {
  const c = COMMUNES[i % COMMUNES.length]!;
  const kind = pick(rnd, PLACE_KINDS);
  return {
    name: `${kind} n° ${i + 1} de ${c.commune}`,
    description: `${kind} associatif à ${c.commune}, ouvert aux habitants et aux travailleurs nomades.`,
    address: { street: `${1 + Math.floor(rnd() * 80)} rue de la République`, postcode: c.postcode, commune: c.commune },
    // Spread a few kilometres around the commune centre.
    location: { lat: +(c.lat + (rnd() - 0.5) * 0.08).toFixed(5), lon: +(c.lon + (rnd() - 0.5) * 0.1).toFixed(5) },
    tags: [pick(rnd, TAGS), pick(rnd, TAGS)].filter((t, k, all) => all.indexOf(t) === k),
    mobility: { acceptsVisitors: rnd() < 0.8, dailyVisitorCapacity: 1 + Math.floor(rnd() * 6), preferentialDayRateCents: 500 + Math.floor(rnd() * 10) * 100 },
  };
}

export function resourceInput(rnd: () => number, placeId: string, i: number): Record<string, unknown> {
  const kind = rnd() < 0.45 ? 'space' : rnd() < 0.85 ? 'equipment' : pick(rnd, RESOURCE_KINDS);
  const category = pick(rnd, SUGGESTED_CATEGORIES[kind]);
  const space = kind === 'space';
  return {
    placeId,
    kind,
    category,
    name: `${NAMES[category] ?? 'Ressource'} ${i + 1}`,
    description: `${NAMES[category] ?? 'Ressource'} partagé avec le réseau ; ${pick(rnd, ['bon état', 'révisé cette année', 'réservation conseillée', 'accès PMR'])}.`,
    ...(space ? { capacity: 2 + Math.floor(rnd() * 40), surfaceM2: 10 + Math.floor(rnd() * 150) } : { quantity: 1 + Math.floor(rnd() * 4) }),
    uses: [pick(rnd, USES[kind]), pick(rnd, USES[kind])].filter((u, k, all) => all.indexOf(u) === k),
    rates: [
      { unit: space ? pick(rnd, ['hour', 'half_day', 'day'] as const) : 'day', amountCents: 500 + Math.floor(rnd() * 120) * 100, audience: 'public' },
      { unit: 'day', amountCents: 300 + Math.floor(rnd() * 60) * 100, audience: 'network' },
    ],
    ...(space ? {} : { sharing: { lendable: rnd() < 0.6, depositCents: Math.floor(rnd() * 30) * 1000, trainingRequired: rnd() < 0.3 } }),
  };
}

/** Runs `task` over `items` with at most `width` in flight. */
async function runPool<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/**
 * Writes the directory; returns the ids. Every directory write bumps one version
 * counter item inside its transaction, so writes in flight conflict on it: the width
 * stays small and the SDK's retries absorb the occasional TransactionConflict.
 */
export async function loadBenchDirectory(deps: Deps, opts: { places: number; resources: number; seed?: number; width?: number }): Promise<{ placeIds: string[]; resourceIds: string[] }> {
  const rnd = seededRandom(opts.seed ?? 24);
  const width = opts.width ?? 4;
  const placeInputs = Array.from({ length: opts.places }, (_, i) => placeInput(rnd, i));
  const placeIds = await runPool(placeInputs, width, async (input) => (await createRecord(deps, LOADER, 'place', input)).id);
  const resourceInputs = Array.from({ length: opts.resources }, (_, i) => resourceInput(rnd, placeIds[i % placeIds.length]!, i));
  const resourceIds = await runPool(resourceInputs, width, async (input) => (await createRecord(deps, LOADER, 'resource', input)).id);
  return { placeIds, resourceIds };
}

const META = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1 };

/** A generated directory installed straight into an index (the scale and widget benches share it). */
export function buildIndex(resources: number): { index: DirectoryIndex; places: Place[] } {
  const rnd = seededRandom(24);
  let clock = 1_760_000_000_000;
  // About one place for 28 resources (3,500 places for 100,000).
  const places = Array.from({ length: Math.max(50, Math.round(resources / 28)) }, (_, i) => PlaceSchema.parse({ tags: [], membership: 'member', ...placeInput(rnd, i), ...META, id: newId(clock++) }));
  const index = new DirectoryIndex();
  for (const p of places) index.apply('place', p);
  for (let i = 0; i < resources; i++) {
    index.apply('resource', ResourceSchema.parse({ quantity: 1, uses: [], rates: [], ...resourceInput(rnd, places[i % places.length]!.id, i), ...META, id: newId(clock++) }) as Resource);
  }
  return { index, places };
}
