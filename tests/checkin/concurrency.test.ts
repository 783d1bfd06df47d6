import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createPerson } from '../mobility/mobility-setup.js';
import { NOW, TODAY, availabilityOf, createHostAndPerson, postReservation } from './checkin-setup.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ now: NOW });
});

describe('availability under concurrency', () => {
  it('30 simultaneous check-ins and reservations on a host with 5 places: exactly 5 get in', async () => {
    const { host, home, person } = await createHostAndPerson(t, { capacity: 5 });
    const people = [person, ...(await Promise.all(Array.from({ length: 29 }, (_, i) => createPerson(t, home, `Personne ${i}`))))];

    // Half of them at the door with the code of their card, half booking through the API.
    const poster = await t.call('GET', `/v1/places/${host}/poster?format=json`, { token: ADMIN });
    const door = new URL(poster.body.url).pathname;
    const codes = await Promise.all(people.map(async (p, i) => (i % 2 ? (await t.call('GET', `/v1/people/${p}/card`, { token: ADMIN })).body.code : '')));
    const outcomes = await Promise.all(
      people.map(async (p, i) => {
        if (i % 2 === 0) {
          const r = await postReservation(t, { personId: p, hostPlaceId: host, date: TODAY, scheme: 'retrocession' });
          return r.status === 201 ? 'in' : r.status === 409 ? 'full' : `unexpected ${r.status}`;
        }
        const r = await t.call('POST', door, { rawBody: `code=${codes[i]}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        return r.status === 200 && r.text.includes('Journée enregistrée') ? 'in' : r.status === 409 ? 'full' : `unexpected ${r.status}`;
      }),
    );
    expect(outcomes.filter((o) => o === 'in')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'full')).toHaveLength(25);

    const a = await availabilityOf(t, host, TODAY);
    expect(a).toMatchObject({ capacity: 5, taken: 5, remaining: 0 });
    // The counter agrees with the visits themselves: capacity − active visits − reservations.
    const listed = await t.call('GET', `/v1/visits?placeId=${host}&from=${TODAY}&to=${TODAY}`, { token: ADMIN });
    const holding = listed.body.items.filter((v: any) => v.status === 'active' || v.status === 'reserved');
    expect(holding).toHaveLength(5);
    expect(a.remaining).toBe(a.capacity - holding.length);
  }, 120_000);
});
