/**
 * A settlement as people read it: names next to account ids and, for every transfer,
 * one French sentence saying why it exists. Pure functions; the names come from the caller.
 */
import { euros, monthLabel } from '../text/fr.js';
import { aName } from './place-grammar.js';
import { NETWORK } from './settlement-netting.js';
import type { AccountBalance, SettlementMode, SettlementTransfer, Transfer } from '../../../schemas/ledger.js';

export type NameOf = (account: string) => string;

/** The network head as a sentence names it. */
export const NETWORK_IN_SENTENCE = 'la tête de réseau';
export const NETWORK_NAME = 'Tête de réseau';

/** Gross amounts of the month for one place, when the caller knows them (a statement does). */
export interface PlaceGross {
  owedToPlaceCents: number;
  owedByPlaceCents: number;
}

interface ReasonContext {
  mode: SettlementMode;
  month: string;
  nameOf: NameOf;
  balances: readonly AccountBalance[];
  gross?: ReadonlyMap<string, PlaceGross>;
}

const inSentence = (nameOf: NameOf, account: string) => (account === NETWORK ? NETWORK_IN_SENTENCE : nameOf(account));

/** Why one transfer exists, in one sentence. */
export function transferReason(t: Transfer, ctx: ReasonContext): string {
  const month = monthLabel(ctx.month);
  const from = inSentence(ctx.nameOf, t.from);
  const to = inSentence(ctx.nameOf, t.to);
  const amount = euros(t.amountCents);
  if (ctx.mode === 'hub') {
    const place = t.from === NETWORK ? t.to : t.from;
    const name = ctx.nameOf(place);
    const g = ctx.gross?.get(place);
    if (t.from === NETWORK) {
      if (g && g.owedByPlaceCents === 0) return `En ${month}, les autres organisations du réseau doivent ${euros(g.owedToPlaceCents)} ${aName(name)}, qui ne leur doit rien : la tête de réseau lui verse ce montant.`;
      return g
        ? `En ${month}, les autres organisations du réseau doivent ${euros(g.owedToPlaceCents)} ${aName(name)}, qui leur doit ${euros(g.owedByPlaceCents)} : la tête de réseau lui verse la différence, ${amount}.`
        : `En ${month}, les autres organisations du réseau doivent ${amount} de plus ${aName(name)} que ce lieu ne leur doit : la tête de réseau lui verse ce solde.`;
    }
    if (g && g.owedToPlaceCents === 0) return `En ${month}, ${name} doit ${euros(g.owedByPlaceCents)} aux autres organisations du réseau, qui ne lui doivent rien : le lieu verse ce montant à la tête de réseau, qui règle chaque lieu.`;
    return g
      ? `En ${month}, ${name} doit ${euros(g.owedByPlaceCents)} aux autres organisations du réseau, qui lui doivent ${euros(g.owedToPlaceCents)} : le lieu verse la différence, ${amount}, à la tête de réseau, qui règle chaque lieu.`
      : `En ${month}, ${name} doit ${amount} de plus aux autres organisations du réseau qu’elles ne lui doivent : le lieu verse ce solde à la tête de réseau, qui règle chaque lieu.`;
  }
  const balance = (a: string) => Math.abs(ctx.balances.find((b) => b.account === a)?.balanceCents ?? 0);
  return `Compensation au plus court de ${month} : ${from} doit ${euros(balance(t.from))} en tout et ${to} doit recevoir ${euros(balance(t.to))} en tout ; ce virement règle ${amount} directement de l’un à l’autre, même sans échange entre eux.`;
}

/** Transfers with their names and reasons. */
export function presentTransfers(transfers: readonly Transfer[], ctx: ReasonContext): SettlementTransfer[] {
  return transfers.map((t) => ({ ...t, fromName: ctx.nameOf(t.from), toName: ctx.nameOf(t.to), reason: transferReason(t, ctx) }));
}
