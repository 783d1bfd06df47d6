/**
 * How long the network keeps what it does not need forever (GET|PUT /v1/settings/retention, admin):
 * - idempotency records (the first answer of an `Idempotency-Key`): written with a DynamoDB
 *   TTL of 48 h (the outer bound, deleted by DynamoDB itself, lazily), and deleted by the
 *   purge once older than `idempotencyHours` (24–48 h);
 * - audit details: past `auditDetailsDays`, an audit line keeps who, when and what was done,
 *   and loses its before/after copies of the record (TTL cannot remove attributes: the
 *   purge does it). Audit ids are time-ordered ULIDs, so the purge reads only the lines
 *   written since its last run (a mark in the table), never the whole trail again.
 * The purge runs with the hourly jobs (functions/checkin/lambda.ts, and `npm start`).
 */
import type { Deps } from '../deps.js';
import { settingsStore } from '../settings-store.js';
import { newId } from '../ids.js';
import { IDEMPOTENCY_TTL_SECONDS } from '../mobility/record-visit.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { deleteItems, getItem, listAuditIdsBetween, listIdempotencyExpiring, replaceAttributes } from '../../../integrations/dynamodb/person-data-repository.js';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { RetentionSettingsSchema, type RetentionPurgeReport, type RetentionSettings, type RetentionSettingsInput } from '../../../schemas/privacy.js';

/** Until the admin saves other values: the idempotency contract's 48 h, audit details kept ten years. */
export const DEFAULT_RETENTION: RetentionSettings = { idempotencyHours: 48, auditDetailsDays: 3650 };

const store = settingsStore<RetentionSettings, RetentionSettingsInput>({
  name: 'retention',
  action: 'retention.settings',
  key: keys.retentionSettings,
  parse: (raw) => RetentionSettingsSchema.parse(raw),
  defaults: () => ({ ...DEFAULT_RETENTION }),
});

export const readRetentionSettings = store.read;
export const getRetentionSettings = store.get;
export const saveRetentionSettings = store.save;

const PAGE = 200;
/** A purge run stops after this many items and resumes on the next run (a Lambda has minutes, not hours). */
const MAX_PER_RUN = 5000;

async function purgeIdempotency(deps: Deps, hours: number): Promise<number> {
  // Records carry the TTL they were written with (creation + 48 h): older than `hours` ⇔ ttl < now + 48 h − hours.
  const nowEpoch = Math.floor(deps.now().getTime() / 1000);
  const bound = nowEpoch + IDEMPOTENCY_TTL_SECONDS - hours * 3600;
  let deleted = 0;
  while (deleted < MAX_PER_RUN) {
    const page = await listIdempotencyExpiring(deps.table, bound, PAGE);
    if (!page.length) break;
    await deleteItems(deps.table, page);
    deleted += page.length;
  }
  return deleted;
}

async function trimAuditDetails(deps: Deps, days: number): Promise<{ trimmed: number; before: string }> {
  // The smallest ULID of the cutoff's millisecond: every line written before it sorts below.
  const cutoff = newId(deps.now().getTime() - days * 86_400_000).slice(0, 10) + '0'.repeat(16);
  const markItem = await getItem(deps.table, keys.auditPurgeMark());
  const from = typeof markItem?.upTo === 'string' ? markItem.upTo : '0';
  if (from >= cutoff) return { trimmed: 0, before: cutoff };
  let trimmed = 0;
  let seen = 0;
  let start: Record<string, unknown> | undefined;
  let reached = cutoff;
  do {
    const page = await listAuditIdsBetween(deps.table, from, cutoff, PAGE, start);
    for (const line of page.items) {
      if (line.before === undefined && line.after === undefined) continue;
      if (await replaceAttributes(deps.table, { pk: line.pk, sk: line.sk }, { before: undefined, after: undefined, detailsPurgedAt: deps.now().toISOString() })) trimmed++;
    }
    seen += page.items.length;
    start = page.lastKey;
    // Stopped early: resume after the last line done.
    if (start && seen >= MAX_PER_RUN) reached = String(page.items[page.items.length - 1]?.gsi1sk ?? from);
  } while (start && seen < MAX_PER_RUN);
  await deps.table.doc.send(new PutCommand({ TableName: deps.table.tableName, Item: { ...keys.auditPurgeMark(), entity: 'audit-purge-mark', upTo: reached } }));
  return { trimmed, before: cutoff };
}

/** Deletes idempotency records and trims audit details past their period. Safe to run twice at once. */
export async function purgeExpiredData(deps: Deps): Promise<RetentionPurgeReport> {
  const settings = await readRetentionSettings(deps);
  const idempotencyDeleted = await purgeIdempotency(deps, settings.idempotencyHours);
  const audit = await trimAuditDetails(deps, settings.auditDetailsDays);
  return { idempotencyDeleted, auditLinesTrimmed: audit.trimmed, auditPurgedBefore: audit.before };
}
