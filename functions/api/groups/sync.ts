/** Spreadsheet sync: manual rounds and the Airtable / Apps Script hooks (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { syncRoutes } from '../routes/sync.js';
import { hookRoutes } from '../routes/hooks.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/sync', syncRoutes);
  app.route('/v1/hooks', hookRoutes);
}
