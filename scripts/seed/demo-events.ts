/**
 * Invented demo events for `npm start`, dated relative to the day the demo is loaded so the
 * agenda is never empty. Loaded through createEvent like real ones; relay to Facebook is off
 * (turn it on per event with PATCH relay.facebook = true once the Page is configured).
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { createEvent, cancelEvent } from '../../functions/domain/events/write-events.js';
import { EventInputSchema } from '../../schemas/event.js';
import { parisDay } from '../../functions/domain/events/paris-time.js';

const SEED_ACTOR: Actor = { role: 'system', id: 'seed:demo' };

interface DemoEvent {
  placeKey: string;
  inDays: number;
  from: string;
  to: string;
  title: string;
  description: string;
  priceCents?: number;
  tags: string[];
  cancelled?: boolean;
}

export const demoEvents: DemoEvent[] = [
  { placeKey: 'perigueux-la-fabrique', inDays: 3, from: '14:00', to: '17:30', title: 'Initiation à l’impression 3D', description: 'Deux heures pour comprendre la chaîne complète : modélisation, tranchage, impression. Places limitées à 8 personnes.', priceCents: 1500, tags: ['fablab', 'numérique'] },
  { placeKey: 'bergerac-la-gabare', inDays: 5, from: '19:00', to: '23:00', title: 'Concert sur les quais', description: 'Trio jazz manouche sur la terrasse du chai, buvette et assiettes de producteurs locaux.', priceCents: 800, tags: ['musique', 'café associatif'] },
  { placeKey: 'sarlat-le-cantou', inDays: 8, from: '09:30', to: '12:30', title: 'Petit-déjeuner des coworkers', description: 'Rencontre mensuelle des indépendants du Sarladais : tour de table, entraide, café et viennoiseries.', priceCents: 0, tags: ['coworking'] },
  { placeKey: 'montpon-la-recyclerie', inDays: 10, from: '14:00', to: '18:00', title: 'Repair café', description: 'Apportez vos objets en panne : petit électroménager, vélos, vêtements. Des bénévoles vous aident à les réparer.', priceCents: 0, tags: ['réparation', 'réemploi'] },
  { placeKey: 'nontron-l-etabli', inDays: 12, from: '10:00', to: '16:00', title: 'Journée portes ouvertes de l’atelier bois', description: 'Démonstrations de tournage et de marqueterie, présentation des formations de l’année.', priceCents: 0, tags: ['atelier', 'bois'] },
  { placeKey: 'riberac-la-grange', inDays: 15, from: '18:30', to: '21:00', title: 'Atelier « Faire sa comptabilité d’association »', description: 'Les bases d’une comptabilité simple et des demandes de subvention, avec une bénévole expert-comptable.', priceCents: 500, tags: ['association', 'formation'], cancelled: true },
  { placeKey: 'brantome-le-moulin', inDays: 20, from: '20:30', to: '22:30', title: 'Ciné-débat : « Les communs en campagne »', description: 'Projection suivie d’un échange avec les habitants qui font vivre les tiers-lieux ruraux.', priceCents: 400, tags: ['cinéma', 'débat'] },
];

export async function loadDemoEvents(deps: Deps, placeIds: Record<string, string>): Promise<number> {
  let n = 0;
  for (const e of demoEvents) {
    const placeId = placeIds[e.placeKey];
    if (!placeId) continue;
    const day = parisDay(new Date(deps.now().getTime() + e.inDays * 86_400_000));
    const input = EventInputSchema.parse({ placeId, title: e.title, description: e.description, startsAt: `${day}T${e.from}`, endsAt: `${day}T${e.to}`, priceCents: e.priceCents, tags: e.tags });
    const created = await createEvent(deps, SEED_ACTOR, input);
    if (e.cancelled) await cancelEvent(deps, SEED_ACTOR, created.id);
    n++;
  }
  return n;
}
