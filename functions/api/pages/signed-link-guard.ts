/**
 * Lets a route be opened with a signed link instead of a Bearer token.
 * A bad link answers a French page (403 tampered, 410 expired), never JSON and never data.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { checkSignedLink } from '../../domain/links/signed-links.js';
import { errorPage } from './layout.js';

/** True when the request carries a valid signature for its own path and query; false when it carries none. */
export async function signedLinkGuard(c: Context<AppEnv>): Promise<boolean> {
  const query = c.req.query();
  if (query.sig === undefined) return false;
  const check = await checkSignedLink(c.var.deps, c.req.path, query);
  if (check.ok) return true;
  const res =
    check.reason === 'expired'
      ? errorPage(c, 410, 'Lien expiré', 'Ce lien a dépassé sa date de validité.')
      : errorPage(c, 403, 'Lien non valable', 'Ce lien a été modifié ou recopié en partie : il ne peut pas être ouvert.');
  throw new HTTPException(res.status as 403, { res });
}
