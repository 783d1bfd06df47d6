/** The communication kit: assets, their files and the upload links (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { kitRoutes } from '../routes/kit.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/kit', kitRoutes);
}
