/** Open data: the national formats funders and maps read, and their description page (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { openDataRoutes } from '../routes/opendata.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/opendata', openDataRoutes);
}
