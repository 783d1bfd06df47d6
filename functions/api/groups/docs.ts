/**
 * The OpenAPI document and the docs page (loaded on first use). They describe every
 * route, so the lazy groups load first: each route file documents itself when loaded.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { docsRoutes } from '../routes/docs.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/', docsRoutes);
}
