/**
 * The compensation rules of the three schemes (design.md "Mobility ledger semantics"),
 * as pure functions: the one place where amounts are decided.
 */
import type { Posting } from '../../../schemas/ledger.js';
import type { MobilitySettingsInput } from '../../../schemas/mobility-settings.js';
import type { VisitScheme } from '../../../schemas/visit.js';

export const SCHEME_LABELS: Record<VisitScheme, string> = { retrocession: 'rétrocession', pass: 'pass mobilité', preferential: 'tarif préférentiel' };

/**
 * - retro-cession: home place → host place, round(dayValueCents × retrocessionShare);
 * - pass: network → host place, passDayRateCents;
 * - preferential: person → host place, the host's preferentialDayRateCents (paid on site).
 * A zero amount posts nothing.
 */
export function visitPostings(
  scheme: VisitScheme,
  v: { personId: string; homePlaceId: string; hostPlaceId: string },
  settings: MobilitySettingsInput,
  hostPreferentialDayRateCents: number,
): { amountCents: number; postings: Posting[] } {
  const host = `place:${v.hostPlaceId}`;
  const [from, amountCents] =
    scheme === 'retrocession'
      ? [`place:${v.homePlaceId}`, Math.round(settings.dayValueCents * settings.retrocessionShare)]
      : scheme === 'pass'
        ? ['network', settings.passDayRateCents]
        : [`person:${v.personId}`, hostPreferentialDayRateCents];
  return { amountCents, postings: amountCents > 0 ? [{ from, to: host, amountCents }] : [] };
}

/** A pass purchase: the person owes the network the price. */
export function passPurchasePostings(personId: string, priceCents: number): Posting[] {
  return priceCents > 0 ? [{ from: `person:${personId}`, to: 'network', amountCents: priceCents }] : [];
}

/** The entries that undo others: same amounts, directions swapped. */
export function reversePostings(postings: Posting[]): Posting[] {
  return postings.map((p) => ({ from: p.to, to: p.from, amountCents: p.amountCents }));
}
