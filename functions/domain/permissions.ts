/**
 * THE table of who may do what: action → roles and scope. Every use case asks here
 * (`authorize` / `can`), the API docs print it per route (`RouteDoc.actions`), and the
 * fuzz suite enumerates it. To add a feature's action: add ONE entry below.
 *
 * Grants:
 *  - `all`        the role may do it on any record;
 *  - `own-place`  a manager only when its place is one of the places the record belongs
 *                 to (the `places` passed to `authorize`: a place, a person's home place,
 *                 a visit's host and home, a ledger account's place…).
 * A role absent from an entry is refused: 401 for an anonymous caller, 403 otherwise.
 * In-process jobs (`system`) have the admin's grants; the `coordinator` token has its own
 * entries plus what the public may.
 */
import type { Actor } from './actor.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

export type Role = 'public' | 'manager' | 'integration' | 'coordinator' | 'admin';
export type Grant = 'all' | 'own-place';

export interface Permission {
  /** What the action is (French, for the docs page). */
  label: string;
  roles: Partial<Record<Role, Grant>>;
  /** Why a 403 is answered (French, for volunteers). */
  denied: string;
}

const ADMIN_ONLY = 'Réservé à l’administrateur du réseau.';

export const PERMISSIONS = {
  // Directory
  'directory.read': { label: 'lire l’annuaire publié', roles: { public: 'all', manager: 'all', integration: 'all', admin: 'all' }, denied: '' },
  'place.create': { label: 'ajouter un lieu', roles: { integration: 'all', admin: 'all' }, denied: 'Seul l’administrateur du réseau peut ajouter un lieu.' },
  'directory.write': {
    label: 'créer, modifier, archiver ou vérifier un lieu, ses ressources et ses personnes',
    roles: { manager: 'own-place', integration: 'all', admin: 'all' },
    denied: 'Un gestionnaire ne peut modifier que son propre lieu et ce qui en dépend.',
  },
  'contacts.read': { label: 'voir l’e-mail et le téléphone d’une personne', roles: { manager: 'own-place', admin: 'all' }, denied: 'Coordonnées visibles seulement par l’administrateur et le lieu d’attache.' },
  'person.private.read': { label: 'voir une personne sans consentement public', roles: { manager: 'own-place', integration: 'all', admin: 'all' }, denied: 'Personne non publique.' },
  'archived.read': {
    label: 'lire une fiche archivée (lieu, ressource, personne)',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Fiche archivée : visible seulement par l’administrateur et son lieu.',
  },
  'person.data.export': {
    label: 'exporter tout ce que le réseau détient sur une personne (RGPD)',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Seuls l’administrateur et le gestionnaire du lieu d’attache exportent les données d’une personne.',
  },
  'person.data.erase': {
    label: 'effacer les données personnelles d’une personne (pseudonyme, irréversible)',
    roles: { admin: 'all' },
    denied: 'Effacement irréversible : réservé à l’administrateur du réseau (responsable du traitement). Transmettez-lui la demande.',
  },
  'retention.settings': { label: 'lire et changer les durées de conservation', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'token.manage': { label: 'créer, lister et révoquer les jetons', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'audit.read': { label: 'lire le journal des modifications', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  // Sync and events
  'sync.run': { label: 'lancer une synchronisation du tableur', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'event.write': {
    label: 'créer, modifier ou annuler un événement',
    roles: { manager: 'own-place', integration: 'all', admin: 'all' },
    denied: 'Un gestionnaire ne peut modifier que son propre lieu et ce qui en dépend.',
  },
  'event.relay.retry': { label: 'relancer le relais Facebook', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  // Mobility
  'mobility.settings': { label: 'lire et changer les réglages de mobilité du réseau', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'pass.sell': {
    label: 'vendre un pass mobilité',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Seuls l’administrateur et le gestionnaire du lieu d’attache de la personne peuvent vendre un pass.',
  },
  'person.mobility.read': { label: 'lire les pass et visites d’une personne', roles: { manager: 'own-place', integration: 'all', admin: 'all' }, denied: 'Un gestionnaire ne voit que les personnes de son lieu.' },
  'mobility.network.read': {
    label: 'lister les pass et visites de tout le réseau',
    roles: { integration: 'all', admin: 'all' },
    denied: 'Précisez votre lieu (placeId) : un gestionnaire ne voit que les visites de son lieu.',
  },
  'visit.write': {
    label: 'enregistrer ou annuler une visite',
    roles: { manager: 'own-place', integration: 'all', admin: 'all' },
    denied: 'Seuls les gestionnaires du lieu d’accueil ou du lieu d’attache peuvent enregistrer ou annuler cette visite.',
  },
  'visit.list.place': { label: 'lister les visites d’un lieu', roles: { manager: 'own-place', integration: 'all', admin: 'all' }, denied: 'Un gestionnaire ne voit que les comptes et relevés de son propre lieu.' },
  'statement.read': { label: 'lire le relevé mensuel d’un lieu', roles: { manager: 'own-place', admin: 'all' }, denied: 'Un gestionnaire ne voit que les comptes et relevés de son propre lieu.' },
  'ledger.account.read': {
    label: 'lire les écritures d’un compte',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Un gestionnaire ne voit que les écritures du compte de son lieu (account=place:<id>).',
  },
  'ledger.entry.create': { label: 'passer une écriture manuelle', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'ledger.balances.read': { label: 'lire les soldes et les règlements du réseau', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  // Collective decisions
  'governance.settings': { label: 'lire et changer les réglages des décisions (quorum, règle, procurations)', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'proposal.submit': {
    label: 'proposer une décision (gestionnaire : en brouillon)',
    roles: { manager: 'all', admin: 'all' },
    denied: 'Seuls l’administrateur et les gestionnaires de lieu proposent des décisions.',
  },
  'proposal.manage': { label: 'ouvrir, clore, convoquer une seconde fois une proposition, envoyer les liens de vote', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'proposal.draft.read': { label: 'lire un brouillon de proposition', roles: { manager: 'own-place', admin: 'all' }, denied: 'Un brouillon n’est visible que de l’administrateur et du lieu qui l’a proposé.' },
  'vote.cast': {
    label: 'voter pour un lieu (le sien, ou celui qui lui a donné procuration ; l’administrateur pour un bulletin papier)',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Ce lieu ne vous a pas donné procuration : vous ne pouvez voter que pour votre lieu.',
  },
  'proxy.give': { label: 'donner la procuration d’un lieu', roles: { manager: 'own-place', admin: 'all' }, denied: 'Seul le gestionnaire du lieu (ou l’administrateur) donne sa procuration.' },
  'statement.links': { label: 'obtenir les liens signés des relevés de tous les lieux', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  // Reservations, member cards, posters and check-ins at the door (a member card acts only
  // for its own person, checked in ../checkin/visit-audit.ts before any of these).
  'availability.read': { label: 'voir les places libres des lieux d’accueil (nombres seulement)', roles: { public: 'all', manager: 'all', integration: 'all', admin: 'all' }, denied: '' },
  'reservation.write': {
    label: 'réserver une journée ou annuler une réservation (la personne elle-même par sa carte)',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Seuls les gestionnaires du lieu d’accueil ou du lieu d’attache (et la personne, par sa carte) réservent ou annulent.',
  },
  'checkin.confirm': { label: 'confirmer ou refuser un passage enregistré à la porte', roles: { manager: 'own-place', admin: 'all' }, denied: 'Seuls le gestionnaire du lieu d’accueil et l’administrateur confirment ou refusent un passage.' },
  'poster.manage': { label: 'obtenir ou renouveler l’affiche QR d’un lieu', roles: { manager: 'own-place', admin: 'all' }, denied: 'Seuls le gestionnaire du lieu et l’administrateur obtiennent son affiche.' },
  'card.manage': { label: 'obtenir ou renouveler la carte de membre d’une personne', roles: { manager: 'own-place', admin: 'all' }, denied: 'Seuls le gestionnaire du lieu d’attache et l’administrateur obtiennent la carte d’une personne.' },
  // Network finances and communication kit
  'finance.manage': { label: 'gérer les finances du réseau (cotisations, paiements, budget, lignes)', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'finance.report.read': { label: 'lire le bilan financier annuel du réseau', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'kit.write': {
    label: 'ajouter, modifier ou retirer un élément du kit de communication',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Un gestionnaire ne peut modifier que les éléments du kit de son propre lieu ; les éléments du réseau sont réservés à l’administrateur.',
  },
  // Valuation of volunteer contributions, and the rotating coordinator
  'contribution.write': {
    label: 'enregistrer, modifier ou archiver une contribution volontaire (temps, kilomètres, en nature)',
    roles: { manager: 'own-place', integration: 'all', admin: 'all' },
    denied: 'Un gestionnaire n’enregistre et ne modifie que les contributions de son propre lieu.',
  },
  'contribution.read': { label: 'lire les contributions volontaires', roles: { manager: 'own-place', integration: 'all', admin: 'all' }, denied: 'Un gestionnaire ne voit que les contributions de son propre lieu.' },
  'valuation.report.read': {
    label: 'lire la valorisation d’une année (rapport, comptes 86/87)',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Un gestionnaire ne voit que la valorisation de son propre lieu : ajoutez placeId=<votre lieu>.',
  },
  'valuation.attestation.read': {
    label: 'établir l’attestation de bénévolat d’une personne',
    roles: { manager: 'own-place', admin: 'all' },
    denied: 'Un gestionnaire n’établit d’attestation que pour les bénévoles de son lieu.',
  },
  'valuation.settings': { label: 'lire et changer les réglages de la valorisation', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'coordination.plan': { label: 'planifier une rotation de la personne coordinatrice', roles: { admin: 'all' }, denied: ADMIN_ONLY },
  'coordination.rotation.read': { label: 'lire un plan de rotation', roles: { coordinator: 'all', admin: 'all' }, denied: 'Réservé à l’administrateur et à la personne coordinatrice.' },
  'coordination.visit.write': {
    label: 'noter une visite de coordination (et, avec elle, vérifier le lieu visité et compter ses kilomètres)',
    roles: { coordinator: 'all', admin: 'all' },
    denied: 'Réservé à l’administrateur et à la personne coordinatrice (jeton « coordinator »).',
  },
  'coordination.visit.read': { label: 'lire les visites de coordination d’un lieu', roles: { manager: 'own-place', coordinator: 'all', admin: 'all' }, denied: 'Un gestionnaire ne voit que les visites de coordination de son lieu.' },
  /** Any other network-wide administration (what `requireAdmin` guards). */
  'network.admin': { label: 'administrer le réseau', roles: { admin: 'all' }, denied: ADMIN_ONLY },
} satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

function roleOf(a: Actor): Role {
  return a.role === 'system' ? 'admin' : a.role;
}

/** The grant the table gives this actor for this action, if any. */
export function grantOf(a: Actor, action: Action): Grant | undefined {
  const roles: Permission['roles'] = PERMISSIONS[action].roles;
  // The coordinator's token never sees less than an anonymous caller.
  return roles[roleOf(a)] ?? (a.role === 'coordinator' ? roles.public : undefined);
}

/**
 * May `a` do `action` on a record belonging to `places`? `own-place` needs the manager's
 * place among them (undefined entries are ignored: an unknown home place grants nothing).
 */
export function can(a: Actor, action: Action, ...places: (string | undefined)[]): boolean {
  const grant = grantOf(a, action);
  if (grant === 'all') return true;
  if (grant === 'own-place') return a.role === 'manager' && places.includes(a.placeId);
  return false;
}

/** Throws 401 for an anonymous caller the table does not let in, 403 for any other refusal. */
export function authorize(a: Actor, action: Action, ...places: (string | undefined)[]): void {
  if (can(a, action, ...places)) return;
  if (a.role === 'public') throw new UnauthenticatedError();
  throw new ForbiddenError(PERMISSIONS[action].denied || undefined);
}

const ROLE_FR: Record<Role, string> = { public: 'public', manager: 'gestionnaire', integration: 'intégration', coordinator: 'personne coordinatrice', admin: 'administrateur' };

/** "administrateur ; gestionnaire (son lieu) ; intégration": for the docs page. */
export function describePermission(action: Action): string {
  const roles: Permission['roles'] = PERMISSIONS[action].roles;
  const parts = (['admin', 'manager', 'integration', 'coordinator', 'public'] as const)
    .filter((r) => roles[r])
    .map((r) => (roles[r] === 'own-place' ? `${ROLE_FR[r]} (son lieu)` : ROLE_FR[r]));
  return `${PERMISSIONS[action].label} : ${parts.join(' ; ')}`;
}
