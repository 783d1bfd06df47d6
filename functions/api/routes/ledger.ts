import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readJson, readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { DaySchema, ListQueryShape, listOf } from '../../../schemas/common.js';
import { AccountSchema, BalancesSchema, JournalEntryInputSchema, JournalEntrySchema, MonthSchema } from '../../../schemas/ledger.js';
import { listEntries, postManualEntry } from '../../domain/mobility/ledger-entries.js';
import { getBalances } from '../../domain/mobility/balances.js';

const DayOrMonth = z.union([DaySchema, MonthSchema]);

const EntriesQuery = z.strictObject({
  ...ListQueryShape,
  account: AccountSchema.optional().meta({ description: 'network, place:<id> ou person:<id> ; sans compte : toutes les écritures (12 mois au plus, le mois en cours par défaut)' }),
  from: DayOrMonth.optional(),
  to: DayOrMonth.optional(),
});

const BalancesQuery = z.strictObject({
  from: DayOrMonth.optional().meta({ description: 'Jour ou mois ; début de l’année en cours par défaut' }),
  to: DayOrMonth.optional().meta({ description: 'Jour ou mois ; fin de l’année en cours par défaut' }),
});

export const ledgerRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/ledger/entries', tag: 'Comptabilité', access: 'manager', actions: ['ledger.account.read'], summary: 'Écritures du grand livre, avec leurs mouvements (un gestionnaire : le compte de son lieu seulement)', query: EntriesQuery, responses: { 200: { description: 'Écritures, de la plus ancienne à la plus récente', schema: listOf(JournalEntrySchema) } } });
ledgerRoutes.get('/entries', async (c) => c.json(await listEntries(c.var.deps, c.var.actor, readQuery(c, EntriesQuery))));

documentRoute({ method: 'post', path: '/v1/ledger/entries', tag: 'Comptabilité', access: 'admin', actions: ['ledger.entry.create'], summary: 'Écriture manuelle (cotisations, part des recettes, subventions…) : « from » doit « amountCents » à « to »', body: JournalEntryInputSchema, responses: { 201: { description: 'Écriture passée', schema: JournalEntrySchema } } });
ledgerRoutes.post('/entries', async (c) => c.json(await postManualEntry(c.var.deps, c.var.actor, await readJson(c, JournalEntryInputSchema)), 201));

documentRoute({ method: 'get', path: '/v1/ledger/balances', tag: 'Comptabilité', access: 'admin', actions: ['ledger.balances.read'], summary: 'Soldes des comptes sur une période (dû au compte moins ce qu’il doit) ; leur somme est toujours nulle', query: BalancesQuery, responses: { 200: { description: 'Soldes', schema: BalancesSchema } } });
ledgerRoutes.get('/balances', async (c) => c.json(await getBalances(c.var.deps, c.var.actor, readQuery(c, BalancesQuery))));
