/**
 * Signed links to the places' monthly statements: what a treasurer opens from a phone or
 * a printed sheet without a token. A link opens one statement, as the printable page
 * (`format=html` is signed with the path, so it cannot be turned into another place's
 * statement nor into another format).
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { signLink } from '../links/signed-links.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import type { Place } from '../../../schemas/place.js';

export interface StatementLink {
  placeId: string;
  placeName: string;
  url: string;
  expiresAt: string;
}

const DAY_MS = 86_400_000;
/** How long a link stays valid (the shared default of signed links). */
export const STATEMENT_LINK_DAYS = 90;

/** Who reads a statement through its signed link: the place itself (its people's names, not others' private ones). */
export function signedStatementReader(placeId: string): Actor {
  return { role: 'manager', id: 'lien-signé', placeId };
}

export function statementPath(month: string, placeId: string): string {
  return `/v1/statements/${month}/${encodeURIComponent(placeId)}`;
}

/**
 * The expiry the sheet's links use: 90 days after the statement's month ends, or 90 days
 * after today (at midnight UTC) for an older month. It does not move from one sync round to
 * the next, so an unchanged link is never rewritten (each write costs spreadsheet quota).
 */
export function stableStatementExpiry(month: string, now: Date): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const afterMonth = Date.UTC(y, m, 1) + STATEMENT_LINK_DAYS * DAY_MS;
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return new Date(afterMonth - now.getTime() >= 30 * DAY_MS ? afterMonth : today + STATEMENT_LINK_DAYS * DAY_MS);
}

/** Places that get a statement: every place of the directory not archived, by name. */
export async function statementPlaces(deps: Deps): Promise<Place[]> {
  const directory = await loadDirectorySnapshot(deps);
  return directory.places.filter((p) => !p.archivedAt).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** One signed statement link per place for the month. */
export async function signStatementLinks(deps: Deps, month: string, places: readonly Place[], expiresAt?: Date): Promise<StatementLink[]> {
  return Promise.all(
    places.map(async (p) => {
      const { url, expiresAt: exp } = await signLink(deps, statementPath(month, p.id), { query: { format: 'html' }, ...(expiresAt ? { expiresAt } : { validDays: STATEMENT_LINK_DAYS }) });
      return { placeId: p.id, placeName: p.name, url, expiresAt: exp };
    }),
  );
}

/** GET /v1/links/statements/{YYYY-MM} (admin): one signed link per place, valid 90 days. */
export async function listStatementLinks(deps: Deps, actor: Actor, month: string): Promise<{ items: StatementLink[] }> {
  authorize(actor, 'statement.links');
  return { items: await signStatementLinks(deps, month, await statementPlaces(deps)) };
}
