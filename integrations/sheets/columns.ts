/**
 * THE column mapping of the managers' spreadsheet (shared/sheet-layout.md):
 * tab names and their headers, in template order. Airtable and Google Sheets
 * both use it; every other module refers to these constants.
 */
export const TAB_NAMES = ['Lieux', 'Ressources', 'Personnes', 'Événements', 'Passages', 'Bénévolat', 'Kit'] as const;
/** Tabs the API alone writes (sheet-layout.md, "Tabs written by the API only"): never read back into records. */
export const OWNED_TAB_NAMES = ['Relevés', 'Décisions', 'À vérifier'] as const;
export type OwnedTabName = (typeof OWNED_TAB_NAMES)[number];
export type TabName = (typeof TAB_NAMES)[number] | OwnedTabName;
/** The columns that identify a row of an API-owned tab (it has no `ID`). */
export const OWNED_TAB_KEYS: Record<OwnedTabName, readonly string[]> = { Relevés: ['Mois', 'Lieu'], Décisions: ['ID'], 'À vérifier': ['Lieu'] };

export function isOwnedTab(tab: TabName): tab is OwnedTabName {
  return (OWNED_TAB_NAMES as readonly string[]).includes(tab);
}

/** Cells only the sync writes. */
export const ID = 'ID';
export const STATUS = 'Statut synchro';
/** Written by the sync (freshness); a manager may type a date or « Oui » in it to confirm the row. */
export const VERIFIED = 'Dernière vérification';

export const RATE_HEADERS = [
  ['hour', 'Tarif heure (€)', 'Tarif réseau heure (€)'],
  ['half_day', 'Tarif demi-journée (€)', 'Tarif réseau demi-journée (€)'],
  ['day', 'Tarif journée (€)', 'Tarif réseau journée (€)'],
  ['week', 'Tarif semaine (€)', 'Tarif réseau semaine (€)'],
  ['month', 'Tarif mois (€)', 'Tarif réseau mois (€)'],
] as const;

export const TAB_HEADERS = {
  Lieux: [ID, 'Nom', 'Description', 'Adresse', 'Code postal', 'Commune', 'Latitude', 'Longitude', 'Site web', 'Email', 'Téléphone', 'Étiquettes', 'Horaires', 'Accessibilité', 'Accueille des visiteurs', 'Visiteurs par jour', 'Tarif réseau journée (€)', VERIFIED, STATUS],
  Ressources: [ID, 'Lieu', 'Type', 'Catégorie', 'Nom', 'Description', 'Capacité', 'Surface (m²)', 'Usages', 'Quantité', ...RATE_HEADERS.map((r) => r[1]), 'Prêt hors les murs', 'Caution (€)', 'Formation requise', 'Conditions', 'Lien de réservation', VERIFIED, STATUS],
  Personnes: [ID, 'Nom affiché', "Lieu d'attache", 'Email', 'Téléphone', 'Compétences', 'Présentation', 'Profil public', VERIFIED, STATUS],
  Événements: [ID, 'Lieu', 'Titre', 'Description', 'Début', 'Fin', 'Lien', 'Image', 'Prix (€)', 'Relayer sur Facebook', 'Annulé', STATUS],
  Passages: [ID, 'Personne', "Lieu d'accueil", 'Date', 'Formule', STATUS],
  Bénévolat: [ID, 'Date', 'Lieu', 'Personne', 'Activité', 'Projet', 'Heures', 'Niveau', 'Km', 'Puissance fiscale (CV)', 'Électrique', 'Ressource prêtée', 'Quantité', 'Unité', 'Valeur (€)', STATUS],
  Kit: [ID, 'Titre', 'Type', 'Description', 'Lien', 'Licence', 'Langue', 'Étiquettes', 'Lieu', STATUS],
  Relevés: ['Mois', 'Lieu', 'Solde', 'Lien'],
  Décisions: ['ID', 'Titre', 'Statut', 'Règle', 'Clôture', 'Résultat', 'Pour', 'Contre', 'Abstentions', 'Objections', 'Votants', 'Inscrits', 'Procès-verbal'],
  'À vérifier': ['Lieu', 'Fiches à vérifier', 'Lien', "Valable jusqu'au"],
} as const satisfies Record<TabName, readonly string[]>;

/** Optional columns a tab understands when present (network rates of resources). */
export const OPTIONAL_HEADERS: Record<TabName, readonly string[]> = {
  Lieux: [],
  Ressources: RATE_HEADERS.map((r) => r[2]),
  Personnes: [],
  Événements: [],
  Passages: [],
  Bénévolat: [],
  Kit: [],
  Relevés: [],
  Décisions: [],
  'À vérifier': [],
};

/** Headers match ignoring case and surrounding spaces (and the typographic apostrophe). */
export function headerKey(h: string): string {
  return h.replace(/[\u00a0]/g, ' ').trim().toLowerCase().replace(/’/g, "'");
}

/** Every header a tab knows, keyed by its match form → canonical spelling. */
export function knownHeaders(tab: TabName): Map<string, string> {
  return new Map([...TAB_HEADERS[tab], ...OPTIONAL_HEADERS[tab]].map((h) => [headerKey(h), h]));
}

/** Data columns: what a manager edits (the row hash covers these only). */
export function dataHeaders(tab: TabName): string[] {
  return [...TAB_HEADERS[tab], ...OPTIONAL_HEADERS[tab]].filter((h) => h !== ID && h !== STATUS && h !== VERIFIED);
}

/** A sheet row by canonical header; missing cells are empty strings. */
export type RowCells = Record<string, string>;
