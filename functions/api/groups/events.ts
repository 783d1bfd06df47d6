/** Events, the calendar feed, the widget and its public pages (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { eventRoutes } from '../routes/events.js';
import { widgetRoutes } from '../routes/widget.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1', eventRoutes);
  app.route('/', widgetRoutes);
}
