/** Mobility: passes, visits, the ledger, settlements and statements (loaded on first use). */
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { mobilitySettingsRoutes } from '../routes/mobility-settings.js';
import { passRoutes } from '../routes/passes.js';
import { visitRoutes } from '../routes/visits.js';
import { visitConfirmationRoutes } from '../routes/visit-confirmations.js';
import { ledgerRoutes } from '../routes/ledger.js';
import { settlementRoutes } from '../routes/settlements.js';
import { statementRoutes } from '../routes/statements.js';
import { statementLinkRoutes } from '../routes/statement-links.js';

export function mount(app: Hono<AppEnv>): void {
  app.route('/v1/settings/mobility', mobilitySettingsRoutes);
  app.route('/v1/passes', passRoutes);
  app.route('/v1/visits', visitRoutes);
  app.route('/v1/visits', visitConfirmationRoutes);
  app.route('/v1/ledger', ledgerRoutes);
  app.route('/v1/settlements', settlementRoutes);
  app.route('/v1/statements', statementRoutes);
  app.route('/v1/links/statements', statementLinkRoutes);
}
