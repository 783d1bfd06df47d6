/**
 * Themes of the API reference (`x-tagGroups`, read by the /docs viewer): each route's tag
 * belongs to one theme. A tag no theme names goes to « Autres » — the viewer shows only
 * grouped tags once groups exist, so a new tag can never silently disappear from /docs.
 */
const THEMES: { name: string; tags: string[] }[] = [
  { name: 'Annuaire', tags: ['Lieux', 'Ressources', 'Personnes', 'Compétences', 'Fraîcheur', 'Données ouvertes'] },
  { name: 'Mobilité des coworkers', tags: ['Mobilité', 'Comptabilité', 'Relevés'] },
  { name: 'Événements et widget', tags: ['Événements', 'Widget'] },
  { name: 'Tableur partagé', tags: ['Synchro'] },
  { name: 'Administration', tags: ['Jetons', 'Liens', 'Service'] },
];

export function tagGroups(tagsInUse: string[]): { name: string; tags: string[] }[] {
  const used = new Set(tagsInUse);
  const groups = THEMES.map((t) => ({ name: t.name, tags: t.tags.filter((tag) => used.has(tag)) })).filter((g) => g.tags.length);
  const known = new Set(THEMES.flatMap((t) => t.tags));
  const others = tagsInUse.filter((t) => !known.has(t));
  if (others.length) groups.push({ name: 'Autres', tags: others });
  return groups;
}
