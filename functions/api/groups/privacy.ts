/** Personal data on request (export, erasure) and the retention settings (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { privacyRoutes } from '../routes/privacy.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/', privacyRoutes);
}
