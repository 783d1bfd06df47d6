/** Freshness links and the verification pages they open (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { freshnessLinkRoutes, freshnessPageRoutes } from '../routes/freshness-links.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/freshness/links', freshnessLinkRoutes);
  app.route('/verifier', freshnessPageRoutes);
}
