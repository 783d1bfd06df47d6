/** How the network names itself in published data (the `source` column, page titles). */
export const NETWORK_NAME = 'Réseau des tiers-lieux de Dordogne';
