/** Availability, reservations, member cards, posters and the check-in at the door (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { availabilityRoutes } from '../routes/availability.js';
import { reservationRoutes } from '../routes/reservations.js';
import { cardRoutes } from '../routes/cards.js';
import { doorRoutes } from '../routes/door.js';
import { memberPageRoutes } from '../routes/member-page.js';

export function mount(app: Hono<AppEnv>): void {
  // Door and card pages are personal (a card, a name, a cookie): never stored by a CDN or a browser.
  for (const path of ['/c/*', '/m/*']) {
    app.use(path, async (c, next) => {
      await next();
      c.res.headers.set('Cache-Control', 'private, no-store');
    });
  }
  app.route('/v1/availability', availabilityRoutes);
  app.route('/v1/reservations', reservationRoutes);
  app.route('/', cardRoutes);
  app.route('/c', doorRoutes);
  app.route('/m', memberPageRoutes);
}
