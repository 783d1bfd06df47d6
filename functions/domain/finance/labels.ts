import type { FinanceCategory } from '../../../schemas/finance.js';

export const CATEGORY_LABELS: Record<FinanceCategory, string> = {
  membership: 'Cotisations des lieux',
  fee_share: 'Part des recettes de coworking',
  service: 'Prestations',
  event: 'Événements',
  grant: 'Subventions',
  salary: 'Salaires',
  travel: 'Déplacements',
  equipment: 'Équipement',
  other: 'Autres',
};

export const GRANT_STATUS_LABELS = { requested: 'demandée', granted: 'accordée', received: 'reçue' } as const;
