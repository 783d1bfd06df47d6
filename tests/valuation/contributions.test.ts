import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createValuationNetwork, postContribution } from './valuation-setup.js';

let t: TestContext;
let n: Awaited<ReturnType<typeof createValuationNetwork>>;

beforeAll(async () => {
  t = await createTestContext();
  n = await createValuationNetwork(t);
});

describe('recording contributions', () => {
  it('hours are valued at the SMIC of their day: December 2025 and January 2026 differ', async () => {
    const dec = await postContribution(t, { kind: 'time', date: '2025-12-15', placeId: n.fabrique, personId: n.agnes, activity: 'Accueil', hours: 10 });
    const jan = await postContribution(t, { kind: 'time', date: '2026-01-05', placeId: n.fabrique, personId: n.agnes, activity: 'Accueil', hours: 10 });
    expect(dec.status).toBe(201);
    expect(dec.body).toMatchObject({ level: 'execution', valueCents: 11_880, personName: 'Agnès Durand' });
    expect(jan.body.valueCents).toBe(12_020);
  });

  it('a room lent is valued at its public rate, not its network rate', async () => {
    const r = await postContribution(t, { kind: 'in_kind', date: '2025-04-02', placeId: n.fabrique, activity: 'Prêt de salle pour le forum', resourceId: n.room, quantity: 2, unit: 'day', project: 'Forum' });
    expect(r.status).toBe(201);
    expect(r.body.lent).toMatchObject({ resourceName: 'Grande salle', rateCents: 12_000, rateUnit: 'day' });
    expect(r.body.valueCents).toBe(24_000);
  });

  it('a resource without a public rate for that unit is refused with a clear message', async () => {
    const r = await postContribution(t, { kind: 'in_kind', date: '2025-04-02', placeId: n.fabrique, activity: 'Prêt', resourceId: n.room, quantity: 3, unit: 'hour' });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    expect(r.body.detail).toMatch(/La ressource « Grande salle » n’a pas de tarif public de l’heure au 02\/04\/2025/);
    expect(r.body.errors).toEqual([{ path: 'unit', message: 'pas de tarif public de l’heure pour cette ressource' }]);
  });

  it('the kind’s rules are checked, each field with its French reason', async () => {
    const r = await postContribution(t, { kind: 'time', date: '2025-03-01', placeId: n.fabrique, activity: 'Accueil', km: 12 });
    expect(r.status).toBe(400);
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['hours', 'personId', 'km']));
    const over = await postContribution(t, { kind: 'time', date: '2025-03-01', placeId: n.fabrique, personId: n.agnes, activity: 'Accueil', hours: 25 });
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toEqual({ path: 'hours', message: '24 heures au plus pour une journée' });
    const explicit = await postContribution(t, { kind: 'in_kind', date: '2025-03-01', placeId: n.fabrique, activity: 'Don de peinture', valueCents: 4500 });
    expect(explicit.body.errors).toEqual([{ path: 'note', message: 'champ obligatoire avec valueCents : dites comment la valeur a été estimée' }]);
    const early = await postContribution(t, { kind: 'time', date: '2019-03-01', placeId: n.fabrique, personId: n.agnes, activity: 'Accueil', hours: 2 });
    expect(early.status).toBe(422);
    expect(early.body.detail).toMatch(/Aucun SMIC horaire connu au 2019-03-01/);
  });

  it('a manager records and sees only its own place’s contributions', async () => {
    const own = await postContribution(t, { kind: 'time', date: '2025-05-01', placeId: n.fabrique, volunteerName: 'Jeanne (voisine)', activity: 'Jardin', hours: 3 }, n.fabriqueManager);
    expect(own.status).toBe(201);
    const other = await postContribution(t, { kind: 'time', date: '2025-05-01', placeId: n.gabare, personId: n.paul, activity: 'Jardin', hours: 3 }, n.fabriqueManager);
    expect(other.status).toBe(403);
    const list = await t.call('GET', '/v1/contributions?from=2025-01-01&to=2025-12-31', { token: n.fabriqueManager });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((c: { placeId: string }) => c.placeId === n.fabrique)).toBe(true);
    expect((await t.call('GET', `/v1/contributions?placeId=${n.gabare}`, { token: n.fabriqueManager })).status).toBe(403);
    expect((await t.call('GET', '/v1/contributions')).status).toBe(401);
  });

  it('PATCH re-checks the rules and DELETE archives: the contribution stops counting, the audit keeps it', async () => {
    const c = await postContribution(t, { kind: 'time', date: '2025-06-10', placeId: n.gabare, personId: n.paul, activity: 'Atelier vélo', hours: 2, project: 'Vélo' });
    const patched = await t.call('PATCH', `/v1/contributions/${c.body.id}`, { token: ADMIN, body: { hours: 4, level: 'supervision' }, headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    expect(patched.body.valueCents).toBe(4 * 1188 * 2);
    const stale = await t.call('PATCH', `/v1/contributions/${c.body.id}`, { token: ADMIN, body: { hours: 5 }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    const bad = await t.call('PATCH', `/v1/contributions/${c.body.id}`, { token: ADMIN, body: { hours: null } });
    expect(bad.status).toBe(400);
    const before = await t.call('GET', `/v1/valuation/2025?project=Vélo`, { token: ADMIN });
    expect(before.body.timeValueCents).toBe(9504);
    const del = await t.call('DELETE', `/v1/contributions/${c.body.id}`, { token: ADMIN });
    expect(del.status).toBe(200);
    expect(del.body.archivedAt).toBeDefined();
    const after = await t.call('GET', `/v1/valuation/2025?project=Vélo`, { token: ADMIN });
    expect(after.body.timeValueCents).toBe(0);
    const audit = await t.call('GET', `/v1/audit?entityId=${c.body.id}`, { token: ADMIN });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['archive', 'update', 'create']);
  });

  it('unknown ids answer a French 404', async () => {
    const r = await t.call('GET', '/v1/contributions/NOPE', { token: ADMIN });
    expect(r.status).toBe(404);
    expect(r.body.detail).toBe('Contribution « NOPE » introuvable.');
  });
});

describe('valuation settings', () => {
  it('default to the official figures and are admin only', async () => {
    const r = await t.call('GET', '/v1/settings/valuation', { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body.smicHourly.find((e: { from: string }) => e.from === '2026-01-01').hourlyCents).toBe(1202);
    expect(r.body.lines.time).toEqual({ use: '864', source: '870' });
    expect((await t.call('GET', '/v1/settings/valuation', { token: n.fabriqueManager })).status).toBe(403);
  });
  it('refuse unsorted SMIC dates in French', async () => {
    const r = await t.call('PUT', '/v1/settings/valuation', { token: ADMIN, body: { smicHourly: [{ from: '2026-01-01', hourlyCents: 1202, source: 'x' }, { from: '2025-01-01', hourlyCents: 1188, source: 'y' }] } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toMatch(/dates d’effet doivent être distinctes et rangées/);
  });
});
