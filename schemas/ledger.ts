import * as z from 'zod';
import { DaySchema, IdSchema, MonthSchema, TimestampSchema, nameText } from './common.js';

/** `network`, `place:<id>` or `person:<id>`. */
export const AccountSchema = z
  .string()
  .regex(/^(network|place:[0-9A-Za-z_-]{1,64}|person:[0-9A-Za-z_-]{1,64})$/, 'compte attendu : « network », « place:<id> » ou « person:<id> »')
  .meta({ id: 'Account', description: '« network », « place:<id> » ou « person:<id> »' });
export type Account = z.infer<typeof AccountSchema>;

/** A month, `YYYY-MM` (2000–2100): defined with the days in common.ts. */
export { MonthSchema };

/** `from → to, amountCents`: `from` owes `to` that amount. */
export const PostingSchema = z
  .strictObject({
    from: AccountSchema,
    to: AccountSchema,
    amountCents: z.number().int().min(1).max(100_000_000),
  })
  .refine((p) => p.from !== p.to, { message: 'un compte ne peut pas se devoir à lui-même', path: ['to'] })
  .meta({ id: 'Posting', description: '« from » doit « amountCents » à « to »' });
export type Posting = z.infer<typeof PostingSchema>;

/** `membership` and `payment`: the network's finances (yearly fees, payments that clear balances). */
export const ENTRY_KINDS = ['visit', 'visit-cancellation', 'pass', 'manual', 'membership', 'payment'] as const;

export const JournalEntryInputSchema = z
  .strictObject({
    date: DaySchema,
    memo: nameText(500),
    postings: z.array(PostingSchema).min(1).max(20),
  })
  .meta({ id: 'JournalEntryInput' });
export type JournalEntryInput = z.infer<typeof JournalEntryInputSchema>;

/** A journal entry: every posting is balanced, so every entry sums to zero. Never edited; corrected by a reversing entry. */
export const JournalEntrySchema = z
  .object({
    id: IdSchema,
    date: DaySchema,
    memo: z.string(),
    kind: z.enum(ENTRY_KINDS),
    postings: z.array(PostingSchema),
    visitId: IdSchema.optional(),
    passId: IdSchema.optional(),
    reversesEntryId: IdSchema.optional(),
    createdAt: TimestampSchema,
    createdBy: z.string(),
  })
  .meta({ id: 'JournalEntry' });
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const AccountBalanceSchema = z.object({ account: AccountSchema, balanceCents: z.number().int() }).meta({ id: 'AccountBalance', description: 'Ce qui est dû au compte moins ce qu’il doit' });
export type AccountBalance = z.infer<typeof AccountBalanceSchema>;

export const BalancesSchema = z.object({ from: DaySchema, to: DaySchema, accounts: z.array(AccountBalanceSchema) }).meta({ id: 'Balances' });

/** A payment that clears balances: `from` pays `to`; applying it adds the amount to `from` and subtracts it from `to`. */
export const TransferSchema = z.object({ from: AccountSchema, to: AccountSchema, amountCents: z.number().int().min(1) }).meta({ id: 'Transfer' });
export type Transfer = z.infer<typeof TransferSchema>;

export const SETTLEMENT_MODES = ['hub', 'min'] as const;
export type SettlementMode = (typeof SETTLEMENT_MODES)[number];

/** A transfer as a settlement or a statement shows it: names next to the accounts, and why it exists. */
export const SettlementTransferSchema = TransferSchema.extend({
  fromName: z.string().meta({ description: 'Nom du compte qui paie (lieu, ou « la tête de réseau »)' }),
  toName: z.string(),
  reason: z.string().meta({ description: 'Pourquoi ce virement existe, en une phrase' }),
}).meta({ id: 'SettlementTransfer' });
export type SettlementTransfer = z.infer<typeof SettlementTransferSchema>;

export const SettlementBalanceSchema = AccountBalanceSchema.extend({ name: z.string().meta({ description: 'Nom du lieu, ou « la tête de réseau »' }) }).meta({ id: 'SettlementBalance' });

export const SettlementSchema = z
  .object({
    period: MonthSchema,
    mode: z.enum(SETTLEMENT_MODES).meta({ description: 'hub : chaque lieu règle son solde avec la tête de réseau seulement ; min : compensation au plus court entre organisations' }),
    balances: z.array(SettlementBalanceSchema),
    transfers: z.array(SettlementTransferSchema),
  })
  .meta({ id: 'Settlement' });
export type Settlement = z.infer<typeof SettlementSchema>;
