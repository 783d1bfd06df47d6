/**
 * What differs between tabs for the sync engine: how to load the API side,
 * read and write rows, and which use case applies a change. The directory
 * tabs (directory-adapters.ts), Passages and Événements each provide one.
 */
import type { RowCells, TabName } from '../../../integrations/sheets/columns.js';
import type { RowContext } from '../../../integrations/sheets/rows/directory-rows.js';
import type { ParseResult } from '../../../integrations/sheets/row-reader.js';
import type { TransactItem } from '../../../integrations/dynamodb/directory-repository.js';

export interface SyncedRecord {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt?: string;
  verifiedAt?: string;
  [k: string]: unknown;
}

export interface WriteContext {
  /** Audit note naming the spreadsheet and the row. */
  note: string;
  /** Sync state written in the same transaction as the record. */
  extraItems: TransactItem[];
}

export type CreateManyOutcome = { ok: true; record: SyncedRecord } | { ok: false; error: unknown };

export interface TabAdapter {
  tab: TabName;
  /** Audit entity type (`place`, `resource`, `person`, `visit`, `event`). */
  entityType: string;
  loadRecords(): Promise<SyncedRecord[]>;
  parse(cells: RowCells, ctx: RowContext, existing?: SyncedRecord): ParseResult;
  render(record: SyncedRecord, ctx: RowContext): RowCells;
  /** Local validation for dry runs (the use case validates for real). */
  check(input: Record<string, unknown>, existing?: SyncedRecord): string[];
  create(input: Record<string, unknown>, id: string, w: WriteContext): Promise<SyncedRecord>;
  /**
   * Many creations at once, each checked as `create` checks it and answered on its own
   * (a refusal is the error `create` would throw): the directory tabs save them in
   * groups, one transaction each, so a first sync of 2,000 rows is ~80 transactions.
   */
  createMany?(items: { input: Record<string, unknown>; id: string; w: WriteContext }[]): Promise<CreateManyOutcome[]>;
  /** `undefined` when the row says nothing new (only formatting differs). */
  update(existing: SyncedRecord, input: Record<string, unknown>, w: WriteContext): Promise<SyncedRecord | undefined>;
  archive(existing: SyncedRecord, note: string): Promise<void>;
  /** Marks the record as checked today (freshness), when the tab has `Dernière vérification`. */
  verify?(existing: SyncedRecord, w: WriteContext): Promise<SyncedRecord>;
  /** Posted rows cannot be edited (Passages: cancel by deleting, then add a new row). */
  immutableMessage?: string;
  /** A record outside what loadRecords returns (an old visit still in the sheet). */
  loadOne?(id: string): Promise<SyncedRecord | undefined>;
  /**
   * The use case cannot commit the row state with the record: the state is saved first and
   * the creation is idempotent on the id (visits: the id is the idempotency key), so a lost
   * write-back is repaired by creating again with the same id, never twice.
   */
  stateBeforeCreate?: boolean;
  /** Records without a row that should get one (default: every non-archived record). */
  appendable?(record: SyncedRecord): boolean;
  /** `Statut synchro` after a row was created (default « ✓ Créée le … »). */
  createdStatus?(record: SyncedRecord): string;
  /**
   * `Statut synchro` the record itself dictates, written at every round once the row is in step
   * (Passages: « À confirmer » then the amounts posted; Bénévolat: the value computed).
   */
  recordStatus?(record: SyncedRecord): string;
  /** A mention added after whatever `Statut synchro` says (a stale record: « À vérifier : … »); undefined: none. */
  statusMention?(record: SyncedRecord): string | undefined;
  /** `Statut synchro` of a row whose record is archived (or cancelled). */
  archivedMessage?: string;
  /** A use-case error → French reasons naming columns. */
  reasons(err: unknown): string[];
}
