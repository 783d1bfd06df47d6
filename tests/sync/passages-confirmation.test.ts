/**
 * Passages: a check-in at the door waits for the host's confirmation; its row says
 * « À confirmer » in `Statut synchro`, then the usual posted status once confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/harness.js';
import { createPerson } from '../mobility/mobility-setup.js';
import { createHostAndPerson, NOW } from '../checkin/checkin-setup.js';
import { checkInAtDoor } from '../../functions/domain/checkin/door-checkin.js';
import { sheetsWorld, type SheetsWorld, syncRound } from './sync-support.js';

let w: SheetsWorld;
let a: string;
let b: string;

beforeAll(async () => {
  w = await sheetsWorld({ tabs: ['Passages'], now: NOW });
  const { home, host, person } = await createHostAndPerson(w.t);
  const other = await createPerson(w.t, home, 'Lou Durand');
  a = (await checkInAtDoor(w.t.deps, person, host, 'carte')).visit.id;
  b = (await checkInAtDoor(w.t.deps, other, host, 'code')).visit.id;
});
afterAll(async () => {
  await w.fake.close();
});

const round = () => syncRound(w);
const status = (id: string) => w.fake.cell('Passages', w.fake.rowOf('Passages', id)!, 'Statut synchro');

describe('Passages waiting for confirmation', () => {
  it('a check-in shows « À confirmer » with the date it confirms itself and its amount', async () => {
    await round();
    expect(status(a)).toBe('⏳ À confirmer par le lieu d’accueil (passage enregistré à la porte ; sans refus, confirmé le 8 décembre 2026) : 10,00 € (rétrocession du lieu d’attache au lieu d’accueil)');
    expect(status(b)).toMatch(/^⏳ À confirmer/);
  });

  it('confirmed: the normal posted status; refused: the row says the visit is cancelled', async () => {
    expect((await w.t.call('POST', `/v1/visits/${a}/confirm`, { token: ADMIN })).status).toBe(200);
    expect((await w.t.call('POST', `/v1/visits/${b}/refuse`, { token: ADMIN })).status).toBe(200);
    await round();
    expect(status(a)).toBe('✓ Passage enregistré : 10,00 € (rétrocession du lieu d’attache au lieu d’accueil)');
    expect(status(b)).toMatch(/^✗ Passage annulé/);
  });

  it('a round with nothing new writes nothing (the status is not rewritten every round)', async () => {
    const writes = w.fake.count('write');
    await round();
    expect(w.fake.count('write')).toBe(writes);
  });
});
