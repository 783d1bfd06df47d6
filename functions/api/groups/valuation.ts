/** Valuation of volunteer contributions and the rotating coordinator (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { contributionRoutes } from '../routes/contributions.js';
import { valuationSettingsRoutes } from '../routes/valuation-settings.js';
import { valuationRoutes } from '../routes/valuation.js';
import { coordinationRoutes } from '../routes/coordination.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/contributions', contributionRoutes);
  app.route('/v1/settings/valuation', valuationSettingsRoutes);
  app.route('/v1/valuation', valuationRoutes);
  app.route('/v1/coordination', coordinationRoutes);
}
