import { describe, expect, it } from 'vitest';
import { ADMIN, createTestContext } from '../support/harness.js';
import { createPerson } from '../mobility/mobility-setup.js';
import { NOW, createHostAndPerson } from './checkin-setup.js';
import { loadDemoCheckin } from '../../scripts/seed/demo-checkin.js';

describe('demo data of the check-in', () => {
  it('cards whose codes work at a poster, posters for the hosts, some reservations, check-ins waiting for their host', async () => {
    const t = await createTestContext({ now: NOW });
    const { host, home } = await createHostAndPerson(t);
    for (const name of ['Agnès Roux', 'Paul Blanc', 'Hélène Noir']) await createPerson(t, home, name);
    const out = await loadDemoCheckin(t.deps);
    expect(out).toMatchObject({ cards: 4, posters: 1, checkins: 2 });
    expect(out.reservations).toBeGreaterThanOrEqual(3);
    const reserved = await t.call('GET', `/v1/visits?placeId=${host}&status=reserved&from=2026-12&to=2026-12`, { token: ADMIN });
    expect(reserved.body.items.length).toBeGreaterThanOrEqual(1);
    const pending = await t.call('GET', `/v1/visits?placeId=${host}&status=pending`, { token: ADMIN });
    expect(pending.body.items).toHaveLength(2);
    // The sample card and poster links open their pages.
    const page = await t.call('GET', new URL(out.sample!.card).pathname);
    expect(page.status).toBe(200);
    const door = await t.call('GET', new URL(out.sample!.poster).pathname);
    expect(door.status).toBe(200);
  }, 180_000);
});
