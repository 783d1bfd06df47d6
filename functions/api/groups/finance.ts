/** The network's finances: memberships, payments, budget lines and the yearly report (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { financeRoutes } from '../routes/finance.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/finance', financeRoutes);
}
