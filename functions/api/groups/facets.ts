/** The search form's choices (communes, place tags), loaded on first use. */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { facetRoutes } from '../routes/facets.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/facets', facetRoutes);
}
