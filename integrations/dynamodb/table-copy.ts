/**
 * A copy the network owns: every item of the table to JSON Lines and back.
 *
 * THE one module allowed to Scan (tests/unit/table-access.test.ts names it as the only
 * exception): a full copy has to read every item, and it runs from a script, never on a
 * request path. Everything else reads by key or by Query.
 *
 * Format: one line per item, `{"Item": {...}}` in DynamoDB's own JSON (the format of
 * DynamoDB's export to S3 in DYNAMODB_JSON), so every attribute type comes back exactly:
 * numbers stay strings (`{"N": "12.50"}` keeps its digits), string, number and binary sets
 * stay sets, binary is base64, maps and lists nest as they are. Low-level commands on purpose
 * (sent through the table's client, so its retries apply): the document commands would turn
 * numbers into JS numbers and sets into Sets.
 */
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { TableRef } from './client.js';

/** DynamoDB JSON as it is written to a file (binary as base64). */
export type JsonAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, JsonAttributeValue> }
  | { L: JsonAttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };
export type JsonItem = Record<string, JsonAttributeValue>;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export function toJsonValue(v: AttributeValue): JsonAttributeValue {
  if (v.S !== undefined) return { S: v.S };
  if (v.N !== undefined) return { N: v.N };
  if (v.B !== undefined) return { B: b64(v.B) };
  if (v.SS !== undefined) return { SS: [...v.SS] };
  if (v.NS !== undefined) return { NS: [...v.NS] };
  if (v.BS !== undefined) return { BS: v.BS.map(b64) };
  if (v.M !== undefined) return { M: toJsonItem(v.M) };
  if (v.L !== undefined) return { L: v.L.map(toJsonValue) };
  if (v.NULL !== undefined) return { NULL: true };
  if (v.BOOL !== undefined) return { BOOL: v.BOOL };
  throw new Error(`type d’attribut inconnu : ${Object.keys(v).join(', ')}`);
}

export function toJsonItem(item: Record<string, AttributeValue>): JsonItem {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toJsonValue(v)]));
}

/** Back to the SDK's shape; refuses anything that is not DynamoDB JSON (the message says where). */
export function fromJsonValue(v: unknown, path: string): AttributeValue {
  const bad = (why: string): never => {
    throw new Error(`${path} : ${why}`);
  };
  if (!v || typeof v !== 'object' || Array.isArray(v)) return bad('valeur DynamoDB attendue ({"S": …}, {"N": …}…)');
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length !== 1) return bad('un seul type par valeur attendu');
  const [type, x] = entries[0]!;
  const strings = (what: string) => (Array.isArray(x) && x.length > 0 && x.every((s) => typeof s === 'string') ? (x as string[]) : bad(`${what} : liste non vide de textes attendue`));
  switch (type) {
    case 'S':
      return typeof x === 'string' ? { S: x } : bad('texte attendu');
    case 'N':
      return typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x)) ? { N: x } : bad('nombre écrit en texte attendu');
    case 'B':
      return typeof x === 'string' ? { B: unb64(x) } : bad('binaire en base64 attendu');
    case 'SS':
      return { SS: strings('SS') };
    case 'NS':
      return { NS: strings('NS') };
    case 'BS':
      return { BS: strings('BS').map(unb64) };
    case 'M':
      return x && typeof x === 'object' && !Array.isArray(x) ? { M: fromJsonItem(x, path) } : bad('objet attendu');
    case 'L':
      return Array.isArray(x) ? { L: x.map((e, i) => fromJsonValue(e, `${path}[${i}]`)) } : bad('liste attendue');
    case 'NULL':
      return x === true ? { NULL: true } : bad('NULL vaut true');
    case 'BOOL':
      return typeof x === 'boolean' ? { BOOL: x } : bad('booléen attendu');
    default:
      return bad(`type « ${type} » inconnu`);
  }
}

export function fromJsonItem(item: unknown, path = 'Item'): Record<string, AttributeValue> {
  if (!item || typeof item !== 'object' || Array.isArray(item)) throw new Error(`${path} : objet attendu`);
  return Object.fromEntries(Object.entries(item as Record<string, unknown>).map(([k, v]) => [k, fromJsonValue(v, `${path}.${k}`)]));
}

/** Every item of the table, page after page (strongly consistent), as raw attribute values. */
export async function* scanWholeTable(t: TableRef): AsyncGenerator<Record<string, AttributeValue>> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await t.doc.send(new ScanCommand({ TableName: t.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) yield item;
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Writes every item as one JSON line through `write`; returns the number of items. */
export async function exportTable(t: TableRef, write: (line: string) => Promise<void> | void): Promise<number> {
  let n = 0;
  for await (const item of scanWholeTable(t)) {
    await write(`${JSON.stringify({ Item: toJsonItem(item) })}\n`);
    n++;
  }
  return n;
}

export class TableNotEmptyError extends Error {
  constructor(tableName: string) {
    super(`La table « ${tableName} » n’est pas vide : l’import ne se fait que dans une table vide, pour ne rien mélanger ni écraser. Importez dans une table neuve (autre TABLE_NAME) ou videz celle-ci d’abord.`);
  }
}

export async function isTableEmpty(t: TableRef): Promise<boolean> {
  const page = await t.doc.send(new ScanCommand({ TableName: t.tableName, Limit: 1, ConsistentRead: true, ProjectionExpression: 'pk' }));
  return (page.Items ?? []).length === 0 && !page.LastEvaluatedKey;
}

/** Parses one line of an export (line numbers from 1 in messages). */
export function parseExportLine(line: string, lineNo: number): Record<string, AttributeValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`ligne ${lineNo} : ce n’est pas du JSON valide`);
  }
  const item = (parsed as { Item?: unknown })?.Item;
  if (!item) throw new Error(`ligne ${lineNo} : {"Item": {...}} attendu`);
  try {
    const out = fromJsonItem(item);
    if (!out.pk?.S || !out.sk?.S) throw new Error('Item : clés pk et sk (textes) obligatoires');
    return out;
  } catch (err) {
    throw new Error(`ligne ${lineNo} : ${(err as Error).message}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Restores items into an EMPTY table (refused otherwise, before anything is written):
 * batches of 25, unprocessed items sent again with backoff.
 */
export async function importItems(t: TableRef, items: AsyncIterable<Record<string, AttributeValue>> | Iterable<Record<string, AttributeValue>>): Promise<number> {
  if (!(await isTableEmpty(t))) throw new TableNotEmptyError(t.tableName);
  let n = 0;
  let batch: WriteRequest[] = [];
  const flush = async () => {
    let pending = batch;
    batch = [];
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 10) throw new Error('DynamoDB refuse encore des écritures après 10 essais : relancez l’import dans une table vide.');
      if (attempt) await sleep(Math.min(2000, 50 * 2 ** attempt));
      const out = await t.doc.send(new BatchWriteItemCommand({ RequestItems: { [t.tableName]: pending } }));
      pending = out.UnprocessedItems?.[t.tableName] ?? [];
    }
  };
  for await (const item of items) {
    batch.push({ PutRequest: { Item: item } });
    n++;
    if (batch.length === 25) await flush();
  }
  if (batch.length) await flush();
  return n;
}
