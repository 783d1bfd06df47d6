/**
 * The `Décisions` tab, written by the API only: one row per proposal once it is open (every
 * manager reads the sheet, and a draft is seen only by the admin and its author), its state and, once closed, the stored counts and a signed link to the
 * printable procès-verbal. Votes stay secret until the close: an open proposal shows how many
 * places voted, never their choices.
 */
import type { Deps } from '../deps.js';
import { listProposalItems } from '../../../integrations/dynamodb/decision-repository.js';
import { settleDueProposals } from '../decisions/close-proposal.js';
import { listVotes } from '../decisions/proposal-store.js';
import { signLink } from '../links/signed-links.js';
import { OUTCOME_LABELS, StoredProposalSchema, type DecisionRule, type StoredProposal } from '../../../schemas/decision.js';
import { formatDateTime } from '../../../integrations/sheets/values.js';
import { OWNED_TAB_KEYS, type RowCells } from '../../../integrations/sheets/columns.js';
import type { OwnedTab } from './owned-tabs.js';
import { steppedExpiry } from './stable-expiry.js';

const STATUS_LABELS: Record<StoredProposal['status'], string> = { draft: 'Brouillon', open: 'Ouverte', closed: 'Close' };
/** The short words a sheet column holds (the minutes keep the full wording). */
export const RULE_SHEET_LABELS: Record<DecisionRule, string> = { simple: 'majorité simple', absolute: 'majorité absolue', two_thirds: 'deux tiers', consent: 'consentement' };

/** Minutes links: valid 90 days, renewed every 30 (a closed result never changes, its link may). */
const MINUTES_LINK_DAYS = 90;
const MINUTES_LINK_STEP_DAYS = 30;

export function minutesPath(proposalId: string): string {
  return `/v1/proposals/${encodeURIComponent(proposalId)}/minutes`;
}

export function decisionsTab(deps: Deps, now: Date): OwnedTab {
  return {
    tab: 'Décisions',
    key: OWNED_TAB_KEYS.Décisions,
    // Proposals and votes: no sync tab writes them.
    dependsOn: [],
    async rows() {
      // Due openings and closes first, as every read of proposals does.
      await settleDueProposals(deps);
      const proposals = (await listProposalItems(deps.table)).map((i) => StoredProposalSchema.parse(i)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      const expiresAt = steppedExpiry(now, MINUTES_LINK_DAYS, MINUTES_LINK_STEP_DAYS);
      const rows: RowCells[] = [];
      for (const p of proposals) {
        if (p.status === 'draft') continue;
        const r = p.status === 'closed' ? p.result : undefined;
        const voted = r ? r.participants : p.status === 'open' ? (await listVotes(deps, p)).length : undefined;
        const minutes = r ? (await signLink(deps, minutesPath(p.id), { query: { format: 'html' }, expiresAt })).url : '';
        rows.push({
          ID: p.id,
          Titre: p.title,
          Statut: STATUS_LABELS[p.status],
          Règle: RULE_SHEET_LABELS[p.rule],
          Clôture: formatDateTime(r?.closedAt ?? p.closesAt),
          Résultat: r ? OUTCOME_LABELS[r.outcome] : '',
          Pour: r ? String(r.yes) : '',
          Contre: r ? String(r.no) : '',
          Abstentions: r ? String(r.abstain) : '',
          Objections: r ? String(r.objection) : '',
          Votants: voted === undefined ? '' : String(voted),
          Inscrits: r ? String(r.electorate) : p.electorate ? String(p.electorate.length) : '',
          'Procès-verbal': minutes,
        });
      }
      return rows;
    },
  };
}
