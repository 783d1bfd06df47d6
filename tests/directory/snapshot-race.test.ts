/**
 * The race of issue 15: a write committed while a search loads or catches up (between its
 * read of the version counter and its read of the change log) must be counted in the
 * snapshot's label, so the next search neither reloads nor misses it. The write is
 * injected at an exact point of the reader's request sequence: deterministic, no timing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput, resourceInput } from '../support/fixtures.js';
import { createApp } from '../../functions/api/app.js';
import { keys } from '../../integrations/dynamodb/keys.js';
import { getDirectoryArtifactPointer } from '../../integrations/dynamodb/directory-repository.js';
import { OPEN_NUMBER_GRACE_MS } from '../../functions/domain/directory/snapshot.js';

let t: TestContext;
let placeId: string;
/** Runs once, just before the next Query of that partition is sent. */
let hook: { pk: string; run: () => Promise<void> } | undefined;
/** Every command sent, as "Get <pk>" / "Query <pk>". */
let sent: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  const doc = t.deps.table.doc;
  const realSend = doc.send.bind(doc) as (cmd: unknown, ...rest: unknown[]) => Promise<unknown>;
  (doc as { send: unknown }).send = async (cmd: unknown, ...rest: unknown[]) => {
    if (cmd instanceof QueryCommand) {
      const pk = String(cmd.input.ExpressionAttributeValues?.[':pk']);
      sent.push(`Query ${pk}`);
      if (hook && hook.pk === pk) {
        const h = hook;
        hook = undefined;
        await h.run();
      }
    } else if (cmd instanceof GetCommand) sent.push(`Get ${String(cmd.input.Key?.pk)}#${String(cmd.input.Key?.sk)}`);
    return realSend(cmd, ...rest);
  };
  placeId = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'La Course' }) })).body.id;
  for (let i = 0; i < 5; i++) await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: `Établi ${i}`, category: 'workshop' }) });
});

/** A new Lambda instance on the same table: its own (empty) snapshot cache; `artifacts: 'off'` loads from the table. */
function newInstance(artifacts: 'on' | 'off' = 'off') {
  const app = createApp({ ...t.deps, table: { ...t.deps.table }, indexArtifacts: artifacts });
  return async (path: string) => (await (await app.request(path)).json()) as { items: { id: string; name: string }[] };
}

const counterGet = `Get ${keys.directoryVersion().pk}#${keys.directoryVersion().sk}`;
const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);

async function createDuring(name: string): Promise<string> {
  const res = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name, category: 'workshop' }) });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('a write committed during a load or a catch-up', () => {
  it('cold load: written after the records were read, before the change log was: found, and the next search reads only the counter', async () => {
    const search = newInstance();
    hook = { pk: keys.directoryChangesAfter(0).pk, run: () => createDuring('Écrit pendant le chargement').then(() => undefined) };
    sent = [];
    const first = await search('/v1/resources?category=workshop&limit=50');
    expect(hook).toBeUndefined();
    expect(sent).toContain(`Query ${keys.directoryPartition('resource').pk}`);
    // The write was not in the records read, but it is in the change log read after them.
    expect(names(first)).toContain('Écrit pendant le chargement');
    sent = [];
    const second = await search('/v1/resources?category=workshop&limit=50');
    expect(sent).toEqual([counterGet]);
    expect(names(second)).toEqual(names(first));
  });

  it('cold load: written after the counter read, seen by the record Query too: counted once, no reload', async () => {
    const search = newInstance();
    hook = { pk: keys.directoryPartition('resource').pk, run: () => createDuring('Vu par la requête').then(() => undefined) };
    sent = [];
    const first = await search('/v1/resources?category=workshop&limit=50');
    expect(hook).toBeUndefined();
    expect(names(first).filter((n) => n === 'Vu par la requête')).toHaveLength(1);
    sent = [];
    await search('/v1/resources?category=workshop&limit=50');
    expect(sent).toEqual([counterGet]);
  });

  it('catch-up: a second write lands between the counter read and the change-log read; the next search reads only the counter', async () => {
    const search = newInstance();
    await search('/v1/resources?category=workshop&limit=50');
    await createDuring('Avant la recherche');
    hook = { pk: keys.directoryChangesAfter(0).pk, run: () => createDuring('Pendant le rattrapage').then(() => undefined) };
    sent = [];
    const caught = await search('/v1/resources?category=workshop&limit=50');
    expect(hook).toBeUndefined();
    // Caught up from the change log alone: no record partition read.
    expect(sent.filter((s) => s.startsWith('Query dir#resource') || s.startsWith('Query dir#place'))).toEqual([]);
    expect(names(caught)).toEqual(expect.arrayContaining(['Avant la recherche', 'Pendant le rattrapage']));
    sent = [];
    await search('/v1/resources?category=workshop&limit=50');
    expect(sent).toEqual([counterGet]);
  });

  it('a write acknowledged before a search started is always in its answer', async () => {
    const search = newInstance();
    await search('/v1/resources?limit=1');
    for (let i = 0; i < 3; i++) {
      const id = await createDuring(`Acquittée ${i}`);
      const found = await search('/v1/resources?category=workshop&limit=100');
      expect(found.items.map((r) => r.id)).toContain(id);
    }
  });
});

describe('a new instance started from the index artifact', () => {
  it('loads the artifact and the change log after it — no record Query — and a write committed in between is counted', async () => {
    const writer = newInstance('on');
    await writer('/v1/resources?limit=1');
    // The artifact is written after the answer, in the background.
    let pointer;
    for (let i = 0; i < 100 && !(pointer = await getDirectoryArtifactPointer(t.deps.table)); i++) await new Promise((ok) => setTimeout(ok, 100));
    expect(pointer).toBeDefined();
    const after = await createDuring('Après l’artefact');
    const search = newInstance('on');
    hook = { pk: keys.directoryChangesAfter(0).pk, run: () => createDuring('Pendant le démarrage').then(() => undefined) };
    sent = [];
    const first = await search('/v1/resources?category=workshop&limit=100');
    expect(hook).toBeUndefined();
    expect(sent.filter((s) => s.startsWith('Query dir#resource') || s.startsWith('Query dir#place'))).toEqual([]);
    expect(first.items.map((r) => r.id)).toContain(after);
    expect(names(first)).toContain('Pendant le démarrage');
    sent = [];
    await search('/v1/resources?category=workshop&limit=100');
    expect(sent).toEqual([counterGet]);
  });
});

describe('sequence numbers taken by writes that did not happen', () => {
  it('a write refused in its transaction (409) closes its number: the next searches are not held back', async () => {
    const search = newInstance();
    const { body: r } = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(placeId, { name: 'Disputée', category: 'workshop' }) });
    await search('/v1/resources?limit=1');
    const results = await Promise.all([
      t.call('PATCH', `/v1/resources/${r.id}`, { token: ADMIN, body: { name: 'Version A' }, headers: { 'if-match': '"1"' } }),
      t.call('PATCH', `/v1/resources/${r.id}`, { token: ADMIN, body: { name: 'Version B' }, headers: { 'if-match': '"1"' } }),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
    await search('/v1/resources?limit=1');
    sent = [];
    await search('/v1/resources?limit=1');
    expect(sent).toEqual([counterGet]);
  });

  it('a number left open by a writer that crashed: later writes are seen at once, the number is closed after the grace', async () => {
    const search = newInstance();
    await search('/v1/resources?limit=1');
    // A writer took a number and died before its transaction.
    await t.deps.table.doc.send(new UpdateCommand({ TableName: t.deps.table.tableName, Key: keys.directoryVersion(), UpdateExpression: 'ADD version :one', ExpressionAttributeValues: { ':one': 1 } }));
    const id = await createDuring('Après le plantage');
    expect((await search('/v1/resources?category=workshop&limit=100')).items.map((x) => x.id)).toContain(id);
    t.setNow(new Date(Date.now() + OPEN_NUMBER_GRACE_MS + 1_000));
    try {
      await search('/v1/resources?limit=1');
      sent = [];
      expect((await search('/v1/resources?category=workshop&limit=100')).items.map((x) => x.id)).toContain(id);
      expect(sent).toEqual([counterGet]);
    } finally {
      t.setNow(new Date());
    }
  });
});
