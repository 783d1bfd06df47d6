import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createPerson, managerToken, postPass } from '../mobility/mobility-setup.js';
import { NOW, TODAY, TOMORROW, availabilityOf, createHostAndPerson } from './checkin-setup.js';

// Several API calls per test: generous timeouts for a loaded shared machine.
let t: TestContext;
beforeEach(async () => {
  t = await createTestContext({ now: NOW });
});

const pathOf = (url: string) => new URL(url).pathname;
const form = (fields: Record<string, string>) => ({ rawBody: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

async function posterPath(placeId: string, token = ADMIN): Promise<string> {
  const r = await t.call('GET', `/v1/places/${placeId}/poster?format=json`, { token });
  expect(r.status).toBe(200);
  expect(r.body.url).toMatch(/^http:\/\/localhost:3000\/c\//);
  return pathOf(r.body.url);
}

async function cardOf(personId: string, token = ADMIN): Promise<{ path: string; token: string; code: string }> {
  const r = await t.call('GET', `/v1/people/${personId}/card?format=json`, { token });
  expect(r.status).toBe(200);
  expect(r.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const path = pathOf(r.body.url);
  return { path, token: path.slice(3), code: r.body.code };
}

describe('posters and member cards', { timeout: 120_000 }, () => {
  it('are given to the place’s (or the home place’s) manager and the admin only, as JSON, SVG and a printable page', async () => {
    const { host, home, person } = await createHostAndPerson(t);
    await posterPath(host, await managerToken(t, host));
    expect((await t.call('GET', `/v1/places/${host}/poster`, { token: await managerToken(t, home) })).status).toBe(403);
    expect((await t.call('GET', `/v1/places/${host}/poster`)).status).toBe(401);
    await cardOf(person, await managerToken(t, home));
    expect((await t.call('GET', `/v1/people/${person}/card`, { token: await managerToken(t, host) })).status).toBe(403);

    const svg = await t.call('GET', `/v1/places/${host}/poster?format=svg`, { token: ADMIN });
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.text).toContain('Le Chai');
    expect(svg.text).toContain('viewBox="0 0 210 297"');
    const page = await t.call('GET', `/v1/places/${host}/poster?format=html`, { token: ADMIN });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain('<html lang="fr"');
    expect(page.text).toContain('Scannez ce code');
    const card = await t.call('GET', `/v1/people/${person}/card?format=html`, { token: ADMIN });
    expect(card.text).toContain('Camille Martin');
    expect(card.text).toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}/);
    // The directory's own place routes still answer (the poster's lazy prefix sits below them).
    expect((await t.call('GET', `/v1/places/${host}`)).status).toBe(200);
    expect((await t.call('POST', `/v1/places/${host}/verify`, { token: ADMIN })).status).toBe(200);
  });
});

describe('check-in at the door', { timeout: 120_000 }, () => {
  it('a code records today’s visit with channel "checkin", in French; a second scan changes nothing; audited', async () => {
    const { host, person } = await createHostAndPerson(t);
    await postPass(t, { personId: person, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2026-12-01' });
    const door = await posterPath(host);
    const { code } = await cardOf(person);
    const ask = await t.call('GET', door);
    expect(ask.status).toBe(200);
    expect(ask.headers.get('cache-control')).toBe('private, no-store');
    expect(ask.text).toContain('name="code"');

    const r = await t.call('POST', door, form({ code: code.toLowerCase().replace('-', ' ') }));
    expect(r.status).toBe(200);
    expect(r.text).toContain('Journée enregistrée au Chai — 1 jour de pass utilisé, il vous en reste 3');
    const again = await t.call('POST', door, form({ code }));
    expect(again.text).toContain('déjà enregistrée aujourd’hui');
    const visits = await t.call('GET', `/v1/visits?personId=${person}`, { token: ADMIN });
    expect(visits.body.items).toHaveLength(1);
    expect(visits.body.items[0]).toMatchObject({ date: TODAY, scheme: 'pass', channel: 'checkin', confirmation: 'pending', status: 'active' });
    const audit = await t.call('GET', `/v1/audit?entityId=${visits.body.items[0].id}`, { token: ADMIN });
    expect(audit.body.items.map((a: any) => [a.action, a.actor, a.note])).toEqual([['check-in', `card:${person}`, 'canal : checkin · code']]);
  });

  it('answers why not, in French: home place, full host, unknown code, nothing typed', async () => {
    const { host, home, person } = await createHostAndPerson(t, { capacity: 1 });
    const other = await createPerson(t, home, 'Lou Durand');
    const door = await posterPath(host);
    const homeDoor = await posterPath(home);
    const mine = await cardOf(person);
    const hers = await cardOf(other);
    const atHome = await t.call('POST', homeDoor, form({ code: mine.code }));
    expect(atHome.status).toBe(422);
    expect(atHome.text).toContain('Passage non enregistré');
    expect((await t.call('POST', door, form({ code: mine.code }))).status).toBe(200);
    const full = await t.call('POST', door, form({ code: hers.code }));
    expect(full.status).toBe(409);
    expect(full.text).toContain('complet');
    const unknown = await t.call('POST', door, form({ code: 'ZZZZ-ZZZZ' }));
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('aucune carte');
    expect((await t.call('POST', door, form({}))).status).toBe(400);
  });

  it('a card cannot check in another person: the token names its person, signed', async () => {
    const { host, home, person } = await createHostAndPerson(t);
    const other = await createPerson(t, home, 'Lou Durand');
    const door = await posterPath(host);
    const mine = await cardOf(person);
    await cardOf(other);
    const forged = mine.token.replace(person, other);
    const r = await t.call('POST', door, form({ card: forged, code: 'ignored' }));
    expect(r.status).toBe(404);
    expect(r.text).toContain('Carte inconnue');
    expect((await availabilityOf(t, host, TODAY)).taken).toBe(0);
    // The card page books only for its own person, whatever the form says.
    const booked = await t.call('POST', `${mine.path}/reservations`, form({ hostPlaceId: host, date: TOMORROW, key: 'key-12345678', personId: other }));
    expect(booked.status).toBe(200);
    const theirs = await t.call('GET', `/v1/visits?personId=${other}`, { token: ADMIN });
    expect(theirs.body.items).toEqual([]);
    const ours = await t.call('GET', `/v1/visits?personId=${person}`, { token: ADMIN });
    expect(ours.body.items).toHaveLength(1);
    // Nor cancel someone else’s reservation.
    const otherCard = await cardOf(other);
    const cancel = await t.call('POST', `${otherCard.path}/reservations/${ours.body.items[0].id}/cancel`, form({}));
    expect(cancel.status).toBe(403);
  });

  it('rotated posters and cards stop working at once, with a French page; the new ones work', async () => {
    const { host, person, home } = await createHostAndPerson(t);
    const oldDoor = await posterPath(host);
    const oldCard = await cardOf(person);
    const manager = await managerToken(t, host);
    const rotated = await t.call('POST', `/v1/places/${host}/poster/rotate`, { token: manager });
    expect(rotated.status).toBe(200);
    expect((await t.call('POST', `/v1/places/${host}/poster/rotate`, { token: await managerToken(t, home) })).status).toBe(403);
    const gone = await t.call('GET', oldDoor);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Affiche remplacée');
    expect((await t.call('POST', oldDoor, form({ code: oldCard.code }))).status).toBe(410);

    const newCard = await t.call('POST', `/v1/people/${person}/card/rotate`, { token: ADMIN });
    expect(newCard.status).toBe(200);
    expect(newCard.body.code).not.toBe(oldCard.code);
    const newDoor = pathOf(rotated.body.url);
    const byOldCard = await t.call('POST', newDoor, form({ card: oldCard.token }));
    expect(byOldCard.status).toBe(410);
    expect(byOldCard.text).toContain('Carte remplacée');
    expect((await t.call('POST', newDoor, form({ code: oldCard.code }))).status).toBe(410);
    expect((await t.call('GET', oldCard.path)).status).toBe(410);
    const ok = await t.call('POST', newDoor, form({ card: pathOf(newCard.body.url).slice(3) }));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Journée enregistrée au Chai');
    const audit = await t.call('GET', `/v1/audit?entityId=${host}`, { token: ADMIN });
    expect(audit.body.items.some((a: any) => a.action === 'poster-rotate' && a.actor.startsWith('manager:'))).toBe(true);
  });

  it('a token used too often in a minute is refused (429), then works again', async () => {
    const { host } = await createHostAndPerson(t);
    const door = await posterPath(host);
    const answers: number[] = [];
    for (let i = 0; i < 21; i++) answers.push((await t.call('GET', door)).status);
    expect(answers.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(answers[20]).toBe(429);
    t.setNow('2026-12-01T09:01:00Z');
    expect((await t.call('GET', door)).status).toBe(200);
  });

  it('the card page remembers the card, shows pass days, reservations and visits, and books and cancels', async () => {
    const { host, person } = await createHostAndPerson(t);
    await postPass(t, { personId: person, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2026-12-01' });
    const card = await cardOf(person);
    const page = await t.call('GET', card.path);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toMatch(/^tl_carte=.+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(page.text).toContain('Il vous reste 4 jours de pass sur 4');
    const booked = await t.call('POST', `${card.path}/reservations`, form({ hostPlaceId: host, date: TOMORROW, key: 'key-abcdefgh' }));
    expect(booked.text).toContain('Journée réservée au Chai le 2 décembre 2026');
    const replay = await t.call('POST', `${card.path}/reservations`, form({ hostPlaceId: host, date: TOMORROW, key: 'key-abcdefgh' }));
    expect(replay.status).toBe(200);
    const after = await t.call('GET', card.path);
    expect(after.text).toContain('Il vous reste 3 jours de pass sur 4');
    expect(after.text).toContain('2 décembre 2026 — Le Chai');
    const reservation = (await t.call('GET', `/v1/visits?personId=${person}&status=reserved`, { token: ADMIN })).body.items;
    expect(reservation).toHaveLength(1);
    expect(reservation[0].channel).toBe('card');
    const cancelled = await t.call('POST', `${card.path}/reservations/${reservation[0].id}/cancel`, form({}));
    expect(cancelled.text).toContain('annulée');
    expect((await availabilityOf(t, host, TOMORROW)).taken).toBe(0);
    // From the widget: with the card remembered, "Réserver" opens the card page preset.
    const fromWidget = await t.call('GET', `/m/reserver?placeId=${host}&date=${TOMORROW}`, { headers: { cookie: `tl_carte=${card.token}` } });
    expect(fromWidget.status).toBe(303);
    expect(fromWidget.headers.get('location')).toBe(`${card.path}?placeId=${host}&date=${TOMORROW}`);
    const noCard = await t.call('GET', `/m/reserver?placeId=${host}`);
    expect(noCard.text).toContain('Ouvrez d’abord');
  });
});

