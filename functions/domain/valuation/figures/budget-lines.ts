/**
 * The class 8 lines of the French association budget (Cerfa n° 12156, « Budget
 * prévisionnel de l’action / de l’association »): contributions volontaires en nature,
 * shown as uses (86) and as their counterpart resources (87), always balanced.
 */
export const USE_LINES = {
  '860': 'Secours en nature',
  '861': 'Mise à disposition gratuite de biens et prestations',
  '862': 'Prestations',
  '864': 'Personnel bénévole',
} as const;

export const SOURCE_LINES = {
  '870': 'Bénévolat',
  '871': 'Prestations en nature',
  '875': 'Dons en nature',
} as const;

export type UseLine = keyof typeof USE_LINES;
export type SourceLine = keyof typeof SOURCE_LINES;

/** What a contribution is, for the mapping: time, a resource lent, mileage, or an explicit in-kind value. */
export const CONTRIBUTION_CATEGORIES = ['time', 'resource', 'mileage', 'explicit'] as const;
export type ContributionCategory = (typeof CONTRIBUTION_CATEGORIES)[number];

export type LinesMapping = Record<ContributionCategory, { use: UseLine; source: SourceLine }>;

/** The usual mapping; the treasurer may change it (valuation settings, `lines`). */
export const DEFAULT_LINES: LinesMapping = {
  time: { use: '864', source: '870' },
  resource: { use: '861', source: '871' },
  mileage: { use: '862', source: '871' },
  explicit: { use: '860', source: '875' },
};

export const CERFA_SOURCE = 'Cerfa n° 12156 (budget de l’association), comptes 86 « Emplois des contributions volontaires en nature » et 87 « Contributions volontaires en nature »';
