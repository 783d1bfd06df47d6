import * as z from 'zod';
import { IdSchema } from './common.js';
import { AccountSchema, JournalEntrySchema, MonthSchema, TransferSchema } from './ledger.js';
import { VisitSchema } from './visit.js';

export const StatementVisitSchema = VisitSchema.extend({ personName: z.string(), hostPlaceName: z.string(), homePlaceName: z.string() }).meta({ id: 'StatementVisit' });
export type StatementVisit = z.infer<typeof StatementVisitSchema>;

/** Gross flows between the place and one counterparty account over the month. */
export const CounterpartyFlowSchema = z.object({
  account: AccountSchema,
  name: z.string(),
  owedToPlaceCents: z.number().int(),
  owedByPlaceCents: z.number().int(),
});
export type CounterpartyFlow = z.infer<typeof CounterpartyFlowSchema>;

export const StatementSchema = z
  .object({
    period: MonthSchema,
    place: z.object({ id: IdSchema, name: z.string(), commune: z.string() }),
    visitsReceived: z.array(StatementVisitSchema),
    visitsSent: z.array(StatementVisitSchema),
    entries: z.array(JournalEntrySchema),
    flows: z.array(CounterpartyFlowSchema),
    summary: z.object({
      visitsReceived: z.number().int().meta({ description: 'Visites reçues non annulées' }),
      visitsSent: z.number().int(),
      owedToPlaceCents: z.number().int().meta({ description: 'Dû au lieu par les autres organisations (brut)' }),
      owedByPlaceCents: z.number().int().meta({ description: 'Dû par le lieu aux autres organisations (brut)' }),
      paidOnSiteCents: z.number().int().meta({ description: 'Payé sur place par les personnes (tarif préférentiel), net des annulations' }),
      netCents: z.number().int().meta({ description: 'Solde à régler entre organisations : positif = le lieu doit recevoir' }),
    }),
    transfers: z.array(TransferSchema).meta({ description: 'Virements du règlement mensuel qui concernent le lieu' }),
  })
  .meta({ id: 'Statement' });
export type Statement = z.infer<typeof StatementSchema>;
