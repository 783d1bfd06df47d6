/**
 * The `Relevés` tab: for the last complete month and the current one, one row per place
 * with its balance between organisations (positive: the place is to receive) and the
 * signed link to its printable statement (`Mois` · `Lieu` · `Solde` · `Lien`).
 */
import type { Deps } from '../deps.js';
import { listMonthBalances } from '../../../integrations/dynamodb/ledger-repository.js';
import { formatMoney } from '../../../integrations/sheets/values.js';
import { monthLabel } from '../text/fr.js';
import { monthOf, todayInParis } from '../mobility/periods.js';
import { signStatementLinks, stableStatementExpiry, statementPlaces } from '../mobility/statement-links.js';
import type { OwnedTab } from './owned-tabs.js';
import { OWNED_TAB_KEYS, type RowCells } from '../../../integrations/sheets/columns.js';

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function statementsTab(deps: Deps, now: Date): OwnedTab {
  return {
    tab: 'Relevés',
    key: OWNED_TAB_KEYS.Relevés,
    // Place names and archives, and balances (visits posted).
    dependsOn: ['place', 'visit'],
    async rows() {
      const current = monthOf(todayInParis(now));
      const places = await statementPlaces(deps);
      const rows: RowCells[] = [];
      for (const month of [previousMonth(current), current]) {
        const [balances, links] = await Promise.all([listMonthBalances(deps.table, month, 'org'), signStatementLinks(deps, month, places, stableStatementExpiry(month, now))]);
        const balanceOf = new Map(balances.map((b) => [b.account, b.balanceCents]));
        for (const link of links) rows.push({ Mois: monthLabel(month), Lieu: link.placeName, Solde: formatMoney(balanceOf.get(`place:${link.placeId}`) ?? 0), Lien: link.url });
      }
      return rows;
    },
  };
}
