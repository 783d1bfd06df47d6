/** Availability, reservations, member cards, posters and the check-in at the door (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { availabilityRoutes } from '../routes/availability.js';
import { reservationRoutes } from '../routes/reservations.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/availability', availabilityRoutes);
  app.route('/v1/reservations', reservationRoutes);
}
