import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { personInput, placeInput, resourceInput } from '../support/fixtures.js';

let t: TestContext;
let home: string;
let other: string;
let manager: string;
let integration: string;

beforeAll(async () => {
  t = await createTestContext();
  home = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Maison' }) })).body.id;
  other = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Ailleurs' }) })).body.id;
  const m = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: home, label: 'Gestion Maison' } });
  expect(m.status).toBe(201);
  manager = m.body.token;
  integration = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'integration' } })).body.token;
});

describe('tokens', () => {
  it('are shown once and stored hashed', async () => {
    const list = await t.call('GET', '/v1/tokens', { token: ADMIN });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const secret = /^tl_[0-9A-Z]{26}_(.+)$/.exec(manager)![1]!;
    expect(secret.length).toBeGreaterThan(40);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.items[0]).not.toHaveProperty('secretHash');
    expect(list.body.items[0]).not.toHaveProperty('token');
  });

  it('only the admin manages tokens', async () => {
    expect((await t.call('POST', '/v1/tokens', { token: manager, body: { role: 'integration' } })).status).toBe(403);
    expect((await t.call('GET', '/v1/tokens')).status).toBe(401);
  });

  it('a manager token for an unknown place is refused', async () => {
    const r = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: 'NOPE' } });
    expect(r.status).toBe(422);
  });

  it('a revoked token stops working', async () => {
    const issued = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: other } });
    expect((await t.call('PATCH', `/v1/places/${other}`, { token: issued.body.token, body: { description: 'ok' } })).status).toBe(200);
    expect((await t.call('DELETE', `/v1/tokens/${issued.body.id}`, { token: ADMIN })).status).toBe(204);
    expect((await t.call('PATCH', `/v1/places/${other}`, { token: issued.body.token, body: { description: 'non' } })).status).toBe(401);
    expect((await t.call('DELETE', '/v1/tokens/NOPE', { token: ADMIN })).status).toBe(404);
  });
});

describe('a manager', () => {
  it('changes its own place and that place’s resources and people', async () => {
    expect((await t.call('PATCH', `/v1/places/${home}`, { token: manager, body: { description: 'Notre lieu' } })).status).toBe(200);
    const res = await t.call('POST', '/v1/resources', { token: manager, body: resourceInput(home) });
    expect(res.status).toBe(201);
    expect((await t.call('PATCH', `/v1/resources/${res.body.id}`, { token: manager, body: { capacity: 12 } })).body.capacity).toBe(12);
    expect((await t.call('POST', '/v1/people', { token: manager, body: personInput(home) })).status).toBe(201);
  });

  it('cannot edit another place’s equipment, place or people (403)', async () => {
    const foreign = await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(other, { kind: 'equipment', category: 'tool' }) });
    expect((await t.call('PATCH', `/v1/resources/${foreign.body.id}`, { token: manager, body: { name: 'à moi' } })).status).toBe(403);
    expect((await t.call('DELETE', `/v1/resources/${foreign.body.id}`, { token: manager })).status).toBe(403);
    expect((await t.call('PATCH', `/v1/places/${other}`, { token: manager, body: { name: 'à moi' } })).status).toBe(403);
    expect((await t.call('POST', '/v1/resources', { token: manager, body: resourceInput(other) })).status).toBe(403);
    expect((await t.call('POST', '/v1/people', { token: manager, body: personInput(other) })).status).toBe(403);
  });

  it('cannot move its resource to another place, nor create places', async () => {
    const mine = await t.call('POST', '/v1/resources', { token: manager, body: resourceInput(home) });
    expect((await t.call('PATCH', `/v1/resources/${mine.body.id}`, { token: manager, body: { placeId: other } })).status).toBe(403);
    expect((await t.call('POST', '/v1/places', { token: manager, body: placeInput() })).status).toBe(403);
  });

  it('an integration token may write the directory but not manage tokens', async () => {
    expect((await t.call('PATCH', `/v1/places/${other}`, { token: integration, body: { phone: '05 53 00 00 00' } })).status).toBe(200);
    expect((await t.call('GET', '/v1/tokens', { token: integration })).status).toBe(403);
  });
});

describe('people’s privacy', () => {
  let publicId: string;
  let privateId: string;
  beforeAll(async () => {
    publicId = (await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(home, { displayName: 'Alix Public', skills: [{ name: 'Soudure' }, { name: 'graphisme' }] }) })).body.id;
    privateId = (await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(home, { displayName: 'Bastien Discret', publicProfile: false, skills: [{ name: 'soudure' }] }) })).body.id;
  });

  it('the public sees consenting people without email or phone', async () => {
    const list = await t.call('GET', '/v1/people?skill=soudure');
    expect(list.body.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Alix Public']);
    expect(list.body.items[0]).not.toHaveProperty('email');
    expect(list.body.items[0]).not.toHaveProperty('phone');
    expect(list.body.items[0].homePlace).toEqual({ id: home, name: 'Maison', commune: 'Périgueux' });
    const one = await t.call('GET', `/v1/people/${publicId}`);
    expect(one.body).not.toHaveProperty('email');
    expect((await t.call('GET', `/v1/people/${privateId}`)).status).toBe(404);
  });

  it('the home place’s manager and the admin see contacts and private people', async () => {
    const asManager = await t.call('GET', `/v1/people/${privateId}`, { token: manager });
    expect(asManager.body.email).toBe('camille@example.org');
    const list = await t.call('GET', '/v1/people?skill=soudure', { token: ADMIN });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.every((p: { email?: string }) => p.email)).toBe(true);
  });

  it('another place’s manager sees neither contacts nor private people', async () => {
    const otherManager = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: other } })).body.token;
    const list = await t.call('GET', '/v1/people?skill=soudure', { token: otherManager });
    expect(list.body.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Alix Public']);
    expect(list.body.items[0]).not.toHaveProperty('email');
  });

  it('skills count public people only, ignoring case', async () => {
    const skills = await t.call('GET', '/v1/skills');
    const soudure = skills.body.items.find((s: { name: string }) => s.name.toLowerCase() === 'soudure');
    expect(soudure.count).toBe(1);
  });
});

describe('audit and freshness', () => {
  it('records who changed what, when, before and after', async () => {
    const p = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Avant' }) });
    const m = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: p.body.id } })).body;
    await t.call('PATCH', `/v1/places/${p.body.id}`, { token: m.token, body: { name: 'Après' } });
    const audit = await t.call('GET', `/v1/audit?entityId=${p.body.id}`, { token: ADMIN });
    expect(audit.status).toBe(200);
    const [update, create] = audit.body.items;
    expect(create.action).toBe('create');
    expect(update).toMatchObject({ action: 'update', actor: `manager:${m.id}@${p.body.id}`, before: { name: 'Avant' }, after: { name: 'Après' } });
    expect((await t.call('GET', `/v1/audit?entityId=${p.body.id}`, { token: m.token })).status).toBe(403);
  });

  it('lists records not verified for olderThanDays, and verify clears them', async () => {
    const t2 = await createTestContext({ now: '2026-01-01T10:00:00Z' });
    const p = (await t2.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Vieux lieu' }) })).body;
    t2.setNow('2026-09-01T10:00:00Z');
    const stale = await t2.call('GET', '/v1/freshness?olderThanDays=180');
    expect(stale.body.items).toEqual([expect.objectContaining({ type: 'place', id: p.id, neverVerified: true, daysSinceCheck: 243 })]);
    const v = await t2.call('POST', `/v1/places/${p.id}/verify`, { token: ADMIN });
    expect(v.body.verifiedAt).toBe('2026-09-01T10:00:00.000Z');
    expect((await t2.call('GET', '/v1/freshness?olderThanDays=180')).body.items).toEqual([]);
    expect((await t2.call('GET', '/v1/freshness?olderThanDays=-3')).status).toBe(400);
  });
});
