/** The public figures page (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { statsRoutes } from '../routes/stats.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/stats', statsRoutes);
}
