/**
 * A copy the network owns: `npm run export` writes every item of a table to JSON Lines,
 * `npm run import` restores it into a fresh table on DynamoDB Local, identical item for
 * item and type for type (and the app serves the copy as it served the original); a table
 * that is not empty is refused in French, and a bad file
 * is refused before anything is written.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createNetwork, postPass, postVisit } from '../mobility/mobility-setup.js';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { importItems, scanWholeTable, TableNotEmptyError, toJsonItem } from '../../integrations/dynamodb/table-copy.js';
import { createApp } from '../../functions/api/app.js';
import type { TableRef } from '../../integrations/dynamodb/client.js';

let t: TestContext;
const dir = mkdtempSync(join(tmpdir(), 'tl-export-'));

function run(script: 'export' | 'import', args: string[], tableName: string): Promise<{ code: number | null; out: string }> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: tableName },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((ok) => child.on('exit', (code) => ok({ code, out })));
}

async function everything(table: TableRef) {
  const items = [];
  for await (const i of scanWholeTable(table)) items.push(toJsonItem(i));
  return items.sort((a, b) => (JSON.stringify([a.pk, a.sk]) < JSON.stringify([b.pk, b.sk]) ? -1 : 1));
}

// Every attribute type DynamoDB has, including the ones the app itself does not write today.
const ODD_ITEM = {
  pk: { S: 'export-test#types' },
  sk: { S: 'all' },
  price: { N: '12.50' },
  big: { N: '12345678901234567890123456789.123456789' },
  tiny: { N: '-1e-120' },
  tags: { SS: ['a', 'é', '🙂'] },
  nums: { NS: ['1', '2.5', '-3'] },
  blob: { B: new Uint8Array([0, 1, 2, 254, 255]) },
  blobs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
  nested: { M: { list: { L: [{ S: 'x' }, { N: '0' }, { NULL: true }, { BOOL: false }, { M: {} }, { L: [] }] }, yes: { BOOL: true } } },
  empty: { S: '' },
};

beforeAll(async () => {
  t = await createTestContext();
  const net = await createNetwork(t);
  expect((await postPass(t, { personId: net.person, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2026-03-01', endsOn: '2026-06-30' })).status).toBe(201);
  for (const [date, scheme] of [['2026-03-02', 'retrocession'], ['2026-03-03', 'pass'], ['2026-03-04', 'preferential']] as const) {
    expect((await postVisit(t, { personId: net.person, hostPlaceId: net.host, date, scheme })).status).toBe(201);
  }
  expect((await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: net.host } })).status).toBe(201);
  await t.deps.table.doc.send(new PutItemCommand({ TableName: t.deps.table.tableName, Item: ODD_ITEM }));
});

describe('npm run export / npm run import', () => {
  it('round trip into a fresh table: the same items, the same types, byte for byte', async () => {
    const file = join(dir, 'copie.jsonl');
    const exported = await run('export', ['--out', file], t.deps.table.tableName);
    expect(exported.out).toMatch(/\d+ éléments exportés/);
    expect(exported.code).toBe(0);
    const source = await everything(t.deps.table);
    expect(source.length).toBeGreaterThan(30);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(source.length);
    // Numbers stay strings (as DynamoDB holds them), sets stay sets, binary is base64.
    const odd = lines.map((l) => JSON.parse(l).Item).find((i) => i.pk.S === 'export-test#types');
    expect(odd).toMatchObject({ price: { N: '12.5' }, nums: { NS: expect.arrayContaining(['1', '2.5', '-3']) }, blob: { B: 'AAEC/v8=' }, tags: { SS: expect.arrayContaining(['é', '🙂']) } });

    const fresh = `${t.deps.table.tableName}-copie`;
    const imported = await run('import', [file], fresh);
    expect(imported.out).toContain(`${source.length} éléments importés`);
    expect(imported.code).toBe(0);
    const copyRef = createTableRef({ tableName: fresh, endpoint: inject('dynamoEndpoint') });
    expect(await everything(copyRef)).toEqual(source);

    // A table that holds anything is refused before a single write, in French.
    const refused = await importItems(copyRef, [{ pk: { S: 'x' }, sk: { S: 'y' } }]).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(TableNotEmptyError);
    expect((refused as Error).message).toMatch(/La table « .*-copie » n’est pas vide : l’import ne se fait que dans une table vide/);
    expect(await everything(copyRef)).toEqual(source);
    // The copy is a working table: the app reads it as it read the original.
    const onCopy = await createApp({ ...t.deps, table: copyRef }).request('/v1/places');
    expect(await onCopy.json()).toEqual((await t.call('GET', '/v1/places')).body);
  }, 120_000);

  it('a damaged file is refused with its line number, and nothing is written', async () => {
    const file = join(dir, 'abimee.jsonl');
    writeFileSync(file, `${JSON.stringify({ Item: { pk: { S: 'a' }, sk: { S: 'b' } } })}\n${JSON.stringify({ Item: { pk: { S: 'c' }, sk: { S: 'd' }, n: { N: 'douze' } } })}\n`);
    const fresh = `${t.deps.table.tableName}-abimee`;
    const r = await run('import', [file], fresh);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ligne 2 : Item\.n : nombre écrit en texte attendu/);
    expect(await everything(createTableRef({ tableName: fresh, endpoint: inject('dynamoEndpoint') }))).toEqual([]);
  }, 60_000);
});
