/** Collective decisions: governance settings, proposals, votes, proxies, the archive (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { governanceSettingsRoutes } from '../routes/governance-settings.js';
import { proposalRoutes } from '../routes/proposals.js';
import { decisionsFeedRoutes } from '../routes/decisions-feed.js';
import { votePageRoutes } from '../routes/vote-pages.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/settings/governance', governanceSettingsRoutes);
  app.route('/v1', decisionsFeedRoutes);
  app.route('/v1', proposalRoutes);
  app.route('/vote', votePageRoutes);
}
