/**
 * Expiry dates for the signed links the API-owned tabs carry. A link signed with a new expiry
 * at every round would differ every round, and the tab would be rewritten every ten minutes
 * (each write costs spreadsheet quota): the expiry moves by steps instead, so a link stays the
 * same for `stepDays` and always has between `validDays - stepDays` and `validDays` left.
 */
const DAY_MS = 86_400_000;

export function steppedExpiry(now: Date, validDays: number, stepDays: number): Date {
  const step = Math.floor(now.getTime() / DAY_MS / stepDays) * stepDays;
  return new Date((step + validDays) * DAY_MS);
}

/** The last day a link is valid on (its expiry is midnight UTC, i.e. just after that day in Paris). */
export function lastValidDay(expiresAt: Date): string {
  return new Date(expiresAt.getTime() - DAY_MS).toISOString().slice(0, 10);
}
