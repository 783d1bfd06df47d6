/** The home page (loaded on first use, like every HTML page: a cold start of the API compiles none of it). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { homeRoutes } from '../routes/home.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/', homeRoutes);
}
