/**
 * Grouped creations (createRecords → saveDirectoryRecords): up to 25 records take their
 * sequence numbers with one ADD and commit in one transaction. Every guarantee of a single
 * save holds: each record is answered on its own, a group failing on a condition falls back
 * to one-by-one saves, and readers see every number filled (a record or « none »), gap-free.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { createRecords } from '../../functions/domain/directory/write-records.js';
import { closeSequenceNumber, getDirectoryVersion, listDirectoryChangesAfter } from '../../integrations/dynamodb/directory-repository.js';
import { listAuditByEntity } from '../../integrations/dynamodb/audit-repository.js';
import { ConflictError, ValidationError } from '../../functions/domain/errors.js';
import type { Actor } from '../../functions/domain/actor.js';

const admin: Actor = { role: 'admin', id: 'admin' };
let t: TestContext;
/** Commands sent: "Update" (the counter's ADD) and "Tx <items>". */
let sent: string[];
/** Runs once, just before the next transaction of more than 8 items is sent. */
let beforeGroup: (() => Promise<void>) | undefined;

beforeEach(async () => {
  t = await createTestContext();
  sent = [];
  beforeGroup = undefined;
  const doc = t.deps.table.doc;
  const realSend = doc.send.bind(doc) as (cmd: unknown, ...rest: unknown[]) => Promise<unknown>;
  (doc as { send: unknown }).send = async (cmd: unknown, ...rest: unknown[]) => {
    if (cmd instanceof UpdateCommand) sent.push('Update');
    if (cmd instanceof TransactWriteCommand) {
      const n = cmd.input.TransactItems?.length ?? 0;
      sent.push(`Tx ${n}`);
      if (n > 8 && beforeGroup) {
        const f = beforeGroup;
        beforeGroup = undefined;
        await f();
      }
    }
    return realSend(cmd, ...rest);
  };
});

const places = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ input: placeInput({ name: `Groupé ${from + i}` }), id: `grp-${from + i}` }));

/** Every number up to the counter is in the change log once; the records written are each there exactly once. */
async function expectGapFreeLog(ids: string[]) {
  const counter = await getDirectoryVersion(t.deps.table);
  const log = await listDirectoryChangesAfter(t.deps.table, 0);
  expect(log.map((c) => c.seq)).toEqual(Array.from({ length: counter }, (_, i) => i + 1));
  const written = log.filter((c) => c.type === 'place').map((c) => c.record.id as string);
  expect(written.sort()).toEqual([...ids].sort());
}

async function searchedIds(): Promise<string[]> {
  const r = await t.call('GET', '/v1/places?limit=100', { token: ADMIN });
  expect(r.status).toBe(200);
  return (r.body.items as { id: string }[]).map((p) => p.id);
}

describe('grouped creations', () => {
  it('30 records: two ADDs and two transactions (25 + 5), each record with its audit entry and its own change-log number', async () => {
    const items = places(30);
    const out = await createRecords(t.deps, admin, 'place', items);
    expect(out.every((o) => o.ok)).toBe(true);
    expect(sent).toEqual(['Update', 'Tx 75', 'Update', 'Tx 15']);
    await expectGapFreeLog(items.map((i) => i.id));
    expect((await listAuditByEntity(t.deps.table, 'grp-7', 10)).items.map((a) => a.action)).toEqual(['create']);
    expect((await searchedIds()).sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('a record refused by its checks is answered alone; the others are saved in one group', async () => {
    const items = places(6);
    items[2] = { input: placeInput({ name: 'Mauvaise commune', address: { street: '1 rue', postcode: '24000', commune: 'Nulle-Part' } }), id: 'grp-bad' };
    const out = await createRecords(t.deps, admin, 'place', items);
    expect(out.map((o) => o.ok)).toEqual([true, true, false, true, true, true]);
    expect((out[2] as { error: unknown }).error).toBeInstanceOf(ValidationError);
    expect(sent).toEqual(['Update', 'Tx 15']);
    await expectGapFreeLog(items.filter((i) => i.id !== 'grp-bad').map((i) => i.id));
  });

  it('a group with a record that exists already falls back to one-by-one saves: that one is a 409, the others are created, no number stays open', async () => {
    await createRecords(t.deps, admin, 'place', [{ input: placeInput({ name: 'Déjà là' }), id: 'grp-3' }]);
    const before = await searchedIds();
    sent = [];
    const items = places(10);
    const out = await createRecords(t.deps, admin, 'place', items);
    expect(out.map((o) => o.ok)).toEqual([true, true, true, false, true, true, true, true, true, true]);
    expect((out[3] as { error: unknown }).error).toBeInstanceOf(ConflictError);
    // One grouped attempt (refused), then ten single saves.
    expect(sent.filter((s) => s === 'Tx 30')).toHaveLength(1);
    expect(sent.filter((s) => s === 'Tx 3')).toHaveLength(10);
    const log = await listDirectoryChangesAfter(t.deps.table, 0);
    // The group's ten numbers were closed, and the refused single save's number too.
    expect(log.filter((c) => c.type === 'none')).toHaveLength(11);
    await expectGapFreeLog(['grp-3', ...items.filter((i) => i.id !== 'grp-3').map((i) => i.id)]);
    expect((await t.call('GET', '/v1/places/grp-3')).body.name).toBe('Déjà là');
    // A reader that had the directory before sees every new record, and is held back by no open number.
    expect((await searchedIds()).sort()).toEqual([...before, ...items.filter((i) => i.id !== 'grp-3').map((i) => i.id)].sort());
    const counter = await getDirectoryVersion(t.deps.table);
    expect(log.at(-1)!.seq).toBe(counter);
  });

  it('a number of the group closed by a reader (a writer thought crashed): the group falls back, every record is written once under a free number', async () => {
    beforeGroup = async () => {
      const last = await getDirectoryVersion(t.deps.table);
      await closeSequenceNumber(t.deps.table, last - 2);
    };
    const items = places(8);
    const out = await createRecords(t.deps, admin, 'place', items);
    expect(out.every((o) => o.ok)).toBe(true);
    expect(sent.filter((s) => s === 'Tx 24')).toHaveLength(1);
    expect(sent.filter((s) => s === 'Tx 3')).toHaveLength(8);
    await expectGapFreeLog(items.map((i) => i.id));
    expect((await searchedIds()).sort()).toEqual(items.map((i) => i.id).sort());
  });
});
