/**
 * French labels of the suggested resource categories: THE one list. The API keeps the
 * codes (`meeting_room`); what people read (the CSV export, the widget, the sheet, the
 * docs, the guide) shows the label (« Salle de réunion »), and the sheet accepts either.
 * No dependency (the widget bundles it). Categories outside this list are shown as typed.
 */
export const CATEGORY_LABELS = {
  space: {
    desk: 'Poste de travail',
    meeting_room: 'Salle de réunion',
    training_room: 'Salle de formation',
    workshop: 'Atelier',
    lodging: 'Hébergement',
    event_hall: 'Salle d’événements',
    kitchen: 'Cuisine',
    garden: 'Jardin',
    studio: 'Studio',
  },
  equipment: {
    computer: 'Ordinateur',
    projector: 'Vidéoprojecteur',
    tool: 'Outillage',
    event_gear: 'Matériel d’événement',
    massage_table: 'Table de massage',
    av_lighting: 'Lumière et audiovisuel',
    sound: 'Sonorisation',
    printer_3d: 'Imprimante 3D',
    laser_cutter: 'Découpe laser',
    sewing: 'Couture',
    vehicle: 'Véhicule',
  },
  other: {
    seed_library: 'Grainothèque',
    books: 'Livres',
    games: 'Jeux',
    service: 'Service',
  },
} as const;

const BY_CODE: Record<string, string> = Object.assign({}, ...Object.values(CATEGORY_LABELS));

/** Accents, case, apostrophes and spaces do not matter when a person types a label. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .replace(/[\s_-]+/g, ' ')
    .trim()
    .toLowerCase();

const BY_FOLDED = new Map<string, string>();
for (const [code, label] of Object.entries(BY_CODE)) {
  BY_FOLDED.set(fold(code), code);
  BY_FOLDED.set(fold(label), code);
}

/** `meeting_room` → « Salle de réunion »; an unknown code is shown as it is. */
export function categoryLabel(code: string): string {
  return BY_CODE[code] ?? code;
}

/** What a person typed (a code or a label, any case or accents) → the code; anything else is kept as typed. */
export function categoryCode(typed: string): string {
  const t = typed.trim();
  return BY_FOLDED.get(fold(t)) ?? t;
}

/** « Salle de réunion (meeting_room) » lines for the docs, per kind. */
export function describeCategories(): string {
  const kinds = { space: 'espaces', equipment: 'matériel', other: 'autres' } as const;
  return Object.entries(CATEGORY_LABELS)
    .map(([kind, labels]) => `${kinds[kind as keyof typeof kinds]} : ${Object.entries(labels).map(([code, label]) => `${label} (${code})`).join(', ')}`)
    .join(' ; ');
}
