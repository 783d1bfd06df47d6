import * as z from 'zod';
import { DaySchema, IdSchema } from './common.js';
import { AccountSchema, JournalEntrySchema, MonthSchema, SETTLEMENT_MODES, SettlementTransferSchema } from './ledger.js';
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

/**
 * One readable line of the place's month: a visit (a cancelled one is ONE line marked
 * cancelled, its posting and the reversing one folded together, amount 0) or another entry.
 */
export const StatementLineSchema = z
  .object({
    date: DaySchema,
    kind: z.enum(['visit-received', 'visit-sent', 'entry']),
    label: z.string().meta({ description: 'Libellé en français, ex. « Visite d’Agnès Roux le 2 décembre 2026 »' }),
    from: AccountSchema,
    fromName: z.string(),
    to: AccountSchema,
    toName: z.string(),
    status: z.enum(['posted', 'cancelled']),
    amountCents: z.number().int().meta({ description: 'Montant dû (0 pour une visite annulée)' }),
    cancelledAmountCents: z.number().int().optional().meta({ description: 'Montant qu’aurait coûté la visite annulée' }),
    visitId: IdSchema.optional(),
  })
  .meta({ id: 'StatementLine' });
export type StatementLine = z.infer<typeof StatementLineSchema>;

export const StatementSchema = z
  .object({
    period: MonthSchema,
    mode: z.enum(SETTLEMENT_MODES).meta({ description: 'Mode du règlement suivi par les virements (hub par défaut)' }),
    place: z.object({ id: IdSchema, name: z.string(), commune: z.string() }),
    visitsReceived: z.array(StatementVisitSchema),
    visitsSent: z.array(StatementVisitSchema),
    entries: z.array(JournalEntrySchema),
    flows: z.array(CounterpartyFlowSchema).meta({ description: 'Flux bruts par organisation, hors visites annulées' }),
    lines: z.array(StatementLineSchema).meta({ description: 'Les lignes du relevé, lisibles : une par visite (annulée comprise) et par autre écriture' }),
    summary: z.object({
      visitsReceived: z.number().int().meta({ description: 'Visites reçues non annulées' }),
      visitsSent: z.number().int(),
      owedToPlaceCents: z.number().int().meta({ description: 'Dû au lieu par les autres organisations (brut)' }),
      owedByPlaceCents: z.number().int().meta({ description: 'Dû par le lieu aux autres organisations (brut)' }),
      paidOnSiteCents: z.number().int().meta({ description: 'Payé sur place par les personnes (tarif préférentiel), net des annulations' }),
      netCents: z.number().int().meta({ description: 'Solde à régler entre organisations : positif = le lieu doit recevoir' }),
    }),
    transfers: z.array(SettlementTransferSchema).meta({ description: 'Virements du règlement mensuel (dans le mode choisi) qui concernent le lieu, chacun avec sa raison' }),
  })
  .meta({ id: 'Statement' });
export type Statement = z.infer<typeof StatementSchema>;
