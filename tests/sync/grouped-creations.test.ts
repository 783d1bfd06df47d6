/**
 * A first sync creates its rows in groups (one transaction of up to 25 records, each with
 * its audit entry, change-log copy and row state). A round that dies between two groups is
 * picked up by the next one: the committed group's IDs are written to their own rows, the
 * rest is created, nothing twice; a refused row is answered as when rows were created one by one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { sheetsWorld, placeRow, syncRound } from './sync-support.js';
import { runConfiguredRound } from '../../functions/sync/sync-service.js';
import { listDirectoryRecordsByType } from '../../integrations/dynamodb/directory-repository.js';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

describe('grouped creations in a sync round', () => {
  it('a round that fails after one group committed: the next round writes its IDs to the right rows and creates the rest, once', async () => {
    const w = await sheetsWorld({ tabs: ['Lieux'] });
    closers.push(w.fake.close);
    for (let i = 0; i < 30; i++) w.fake.appendRow('Lieux', placeRow({ Nom: `Lieu ${i}` }));
    const doc = w.t.deps.table.doc;
    const realSend = doc.send.bind(doc) as (cmd: unknown, ...rest: unknown[]) => Promise<unknown>;
    let groups = 0;
    (doc as { send: unknown }).send = async (cmd: unknown, ...rest: unknown[]) => {
      if (cmd instanceof TransactWriteCommand && (cmd.input.TransactItems?.length ?? 0) > 8) {
        groups++;
        // The group holding « Lieu 27 » (the second) dies: DynamoDB unreachable.
        if (JSON.stringify(cmd.input.TransactItems).includes('"Lieu 27"')) throw Object.assign(new Error('connexion perdue'), { name: 'NetworkingError' });
      }
      return realSend(cmd, ...rest);
    };
    await expect(runConfiguredRound(w.t.deps, 'sheets')).rejects.toThrow('connexion perdue');
    expect(groups).toBe(2);
    const afterCrash = await listDirectoryRecordsByType(w.t.deps.table, 'place');
    expect(afterCrash.map((p) => p.name).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `Lieu ${i}`).sort());
    expect(w.fake.table('Lieux').every((r) => !r.ID)).toBe(true);

    (doc as { send: unknown }).send = realSend;
    const second = await syncRound(w, 'sheets');
    expect(second.totals.created).toBe(5);
    const third = await syncRound(w, 'sheets');
    expect(third.totals.created).toBe(0);
    const records = await listDirectoryRecordsByType(w.t.deps.table, 'place');
    expect(records).toHaveLength(30);
    const nameOf = new Map(records.map((p) => [p.id as string, p.name as string]));
    // Every row carries the ID of the record made from it.
    for (const row of w.fake.table('Lieux')) expect(nameOf.get(row.ID!)).toBe(row.Nom);
  });

  it('a row the use case refuses, among many: its reason in French on its row, the others created in groups', async () => {
    const w = await sheetsWorld({ tabs: ['Lieux'] });
    closers.push(w.fake.close);
    for (let i = 0; i < 30; i++) w.fake.appendRow('Lieux', placeRow(i === 12 ? { Nom: 'Nulle part', Commune: 'Commune-Inconnue' } : { Nom: `Lieu ${i}` }));
    const s = await syncRound(w, 'sheets');
    expect(s.totals.created).toBe(29);
    expect(s.totals.refused).toBe(1);
    const rows = w.fake.table('Lieux');
    expect(rows[12]!.ID).toBe('');
    expect(rows[12]!['Statut synchro']).toMatch(/Colonne « Commune » : la commune « Commune-Inconnue »/);
    expect(rows.filter((r) => r.ID)).toHaveLength(29);
  });

  it('a place added, renamed or removed in Lieux is named as such by the Ressources rows of the same round', async () => {
    const w = await sheetsWorld({ tabs: ['Lieux', 'Ressources'] });
    closers.push(w.fake.close);
    w.fake.appendRow('Lieux', placeRow({ Nom: 'La Grange' }));
    w.fake.appendRow('Lieux', placeRow({ Nom: 'Le Four' }));
    w.fake.appendRow('Lieux', placeRow({ Nom: 'La Forge' }));
    await syncRound(w, 'sheets');
    w.fake.deleteRow('Lieux', 3); // Le Four
    w.fake.setCell('Lieux', 3, 'Nom', 'La Forge Neuve');
    w.fake.appendRow('Lieux', placeRow({ Nom: 'Le Moulin' }));
    const resource = (place: string, name: string) => ({ Lieu: place, Type: 'Matériel', Catégorie: 'tool', Nom: name, 'Tarif journée (€)': '20' });
    w.fake.appendRow('Ressources', resource('le moulin', 'Meule'));
    w.fake.appendRow('Ressources', resource('La Forge Neuve', 'Enclume'));
    w.fake.appendRow('Ressources', resource('Le Four', 'Pelle à pain'));
    const s = await syncRound(w, 'sheets');
    expect(s.tabs.find((t: { tab: string }) => t.tab === 'Lieux')).toMatchObject({ created: 1, updated: 1, archived: 1 });
    expect(s.tabs.find((t: { tab: string }) => t.tab === 'Ressources')).toMatchObject({ created: 2, refused: 1 });
    const places = new Map(w.fake.table('Lieux').map((r) => [r.Nom, r.ID]));
    const rows = w.fake.table('Ressources');
    const resources = await listDirectoryRecordsByType(w.t.deps.table, 'resource');
    const placeOf = new Map(resources.map((r) => [r.name as string, r.placeId as string]));
    expect(placeOf.get('Meule')).toBe(places.get('Le Moulin'));
    expect(placeOf.get('Enclume')).toBe(places.get('La Forge Neuve'));
    expect(rows[2]!.ID).toBe('');
    expect(rows[2]!['Statut synchro']).toMatch(/Le Four/);
  });
});
