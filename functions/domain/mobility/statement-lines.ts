/**
 * The readable lines of a statement: one per visit of the month (a visit cancelled in the
 * month is one line marked cancelled, amount 0, instead of a due and an owed line that
 * would read as two debts) and one per other posting touching the place's account.
 */
import { dayInWords } from '../text/fr.js';
import { deName } from './place-grammar.js';
import { SCHEME_LABELS } from './money-rules.js';
import type { NameOf } from './settlement-present.js';
import type { JournalEntry } from '../../../schemas/ledger.js';
import type { StatementLine, StatementVisit } from '../../../schemas/statement.js';

/** « Visite d’Agnès Roux le 2 décembre 2026 (rétrocession) ». */
export function visitLabel(v: StatementVisit): string {
  // A hidden person is « Une personne de … » as a column value, « une personne » mid-sentence.
  const who = v.personName.startsWith('Une personne ') ? `u${v.personName.slice(1)}` : v.personName;
  return `Visite ${deName(who)} le ${dayInWords(v.date)} (${SCHEME_LABELS[v.scheme]})`;
}

export function statementLines(o: {
  account: string;
  entries: readonly JournalEntry[];
  visitsById: ReadonlyMap<string, StatementVisit>;
  cancelled: ReadonlySet<string>;
  nameOf: NameOf;
}): StatementLine[] {
  const lines: StatementLine[] = [];
  for (const e of o.entries) {
    const visit = e.visitId ? o.visitsById.get(e.visitId) : undefined;
    // The reversing entry of a cancelled visit is folded into the visit's own line.
    if (visit && e.kind === 'visit-cancellation') continue;
    for (const p of e.postings) {
      if (p.from !== o.account && p.to !== o.account) continue;
      const base = { date: e.date, from: p.from, fromName: o.nameOf(p.from), to: p.to, toName: o.nameOf(p.to) };
      if (visit) {
        const isCancelled = o.cancelled.has(visit.id);
        lines.push({
          ...base,
          kind: visit.hostPlaceId === o.account.slice(6) ? 'visit-received' : 'visit-sent',
          label: isCancelled ? `${visitLabel(visit)} — annulée, rien n’est dû` : visitLabel(visit),
          status: isCancelled ? 'cancelled' : 'posted',
          amountCents: isCancelled ? 0 : p.amountCents,
          ...(isCancelled ? { cancelledAmountCents: p.amountCents } : {}),
          visitId: visit.id,
        });
      } else {
        lines.push({ ...base, kind: 'entry', label: e.memo, status: 'posted', amountCents: p.amountCents });
      }
    }
  }
  return lines;
}
