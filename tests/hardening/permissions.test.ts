/**
 * The one permission table, and authentication before anything else on writes
 * (defect 6: 400/404 instead of 401, hidden ids told apart from unknown ones).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { personInput, placeInput } from '../support/fixtures.js';
import { PERMISSIONS, authorize, can, type Action } from '../../functions/domain/permissions.js';
import type { Actor } from '../../functions/domain/actor.js';

let t: TestContext;
let home: string;
let hidden: string;
let manager: string;

beforeAll(async () => {
  t = await createTestContext();
  home = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Maison' }) })).body.id;
  const p = await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(home, { publicProfile: false }) });
  expect(p.status).toBe(201);
  hidden = p.body.id;
  manager = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: home } })).body.token;
});

describe('permission table', () => {
  const admin: Actor = { role: 'admin', id: 'admin' };
  const mine: Actor = { role: 'manager', id: 'm1', placeId: 'P1' };
  const integration: Actor = { role: 'integration', id: 'i1' };
  const system: Actor = { role: 'system', id: 'sync' };

  it('own-place grants need the manager’s place among the record’s places', () => {
    expect(can(mine, 'visit.write', 'P2', 'P1')).toBe(true);
    expect(can(mine, 'visit.write', 'P2', 'P3')).toBe(false);
    expect(can(mine, 'visit.write', undefined)).toBe(false);
    expect(can(mine, 'token.manage')).toBe(false);
    expect(can(integration, 'directory.write', 'P9')).toBe(true);
    expect(can(integration, 'contacts.read', 'P9')).toBe(false);
  });

  it('every action: the admin and in-process jobs may, an anonymous caller gets 401 unless public, others 403', () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      expect(can(admin, action, 'P1'), action).toBe(true);
      expect(can(system, action, 'P1'), action).toBe(true);
      const roles: Record<string, string> = PERMISSIONS[action].roles;
      if (!roles.public) expect(() => authorize({ role: 'public' }, action, 'P1'), action).toThrow(/jeton/);
      if (!roles.manager) expect(() => authorize(mine, action, 'P1'), action).toThrowError(expect.objectContaining({ status: 403 }));
    }
  });

  it('the docs print, per route, who may do it', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    const op = doc.paths['/v1/visits'].post;
    expect(op['x-permissions']).toEqual(['visit.write']);
    expect(op.description).toContain('enregistrer ou annuler une visite : administrateur ; gestionnaire (son lieu) ; intégration');
    // /docs renders this document in the browser (tests/pages/docs-page.test.ts shows it there).
    expect(doc.paths['/v1/passes'].post.description).toContain('vendre un pass mobilité : administrateur ; gestionnaire (son lieu)');
  });
});

describe('authentication runs before any parsing (defect 6)', () => {
  it('every documented write answers 401 without a token, whatever the body and the id', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    let writes = 0;
    for (const [path, methods] of Object.entries<Record<string, { security?: unknown[] }>>(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (method === 'get' || (op.security && op.security.length === 0)) continue;
        writes++;
        for (const id of ['UNKNOWN', 'x'.repeat(1100), hidden]) {
          const url = path.replace(/\{\w+\}/g, id);
          const r = await t.call(method.toUpperCase(), url, { rawBody: '{not json', headers: { 'content-type': 'text/plain' } });
          expect(r.status, `${method} ${url.slice(0, 80)}`).toBe(401);
          expect(r.headers.get('content-type')).toContain('application/problem+json');
        }
      }
    }
    expect(writes).toBeGreaterThan(20);
  });

  it('a hidden person and an unknown id look the same to an anonymous caller', async () => {
    const a = await t.call('PATCH', `/v1/people/${hidden}`, { body: { displayName: 'X' } });
    const b = await t.call('PATCH', '/v1/people/01ABCDEFGHJKMNPQRSTVWXYZ00', { body: { displayName: 'X' } });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body.detail).toBe(b.body.detail);
    const c = await t.call('DELETE', `/v1/people/${hidden}`);
    const d = await t.call('DELETE', '/v1/people/01ABCDEFGHJKMNPQRSTVWXYZ00');
    expect([c.status, d.status]).toEqual([401, 401]);
  });

  it('a bad token is 401 before validation, on reads too', async () => {
    expect((await t.call('POST', '/v1/visits', { token: 'nope', body: { bad: 1 } })).status).toBe(401);
    expect((await t.call('GET', '/v1/places', { token: 'tl_01ABCDEFGHJKMNPQRSTVWXYZ0_' + 'a'.repeat(43) })).status).toBe(401);
  });

  it('with a valid token, validation and lookups answer as before', async () => {
    expect((await t.call('PATCH', `/v1/people/${hidden}`, { token: manager, body: { nope: 1 } })).status).toBe(400);
    expect((await t.call('PATCH', '/v1/people/01ABCDEFGHJKMNPQRSTVWXYZ00', { token: manager, body: { displayName: 'X' } })).status).toBe(404);
  });

  it('signed hooks stay open to callers without a Bearer token (their own signature is checked)', async () => {
    const r = await t.call('POST', '/v1/hooks/sheets', { body: {} });
    expect(r.status).not.toBe(500);
    expect(r.body.title).not.toBe('Authentification requise');
  });
});

describe('long ids never reach DynamoDB (defect 1)', () => {
  const long = 'x'.repeat(1100);
  it('answer 400 with the field named, on every verb', async () => {
    for (const [method, path] of [
      ['GET', `/v1/places/${long}`],
      ['DELETE', `/v1/places/${long}`],
      ['PATCH', `/v1/resources/${long}`],
      ['POST', `/v1/people/${long}/verify`],
      ['POST', `/v1/visits/${long}/cancel`],
      ['GET', `/v1/events/${long}`],
      ['DELETE', `/v1/tokens/${long}`],
    ] as const) {
      const r = await t.call(method, path, { token: ADMIN, body: method === 'PATCH' ? { name: 'x' } : undefined });
      expect(r.status, `${method} ${path.slice(0, 30)}`).toBe(400);
      expect(r.body.errors[0].path).toMatch(/Id$/);
    }
  });

  it('in query strings and bodies too', async () => {
    expect((await t.call('GET', `/v1/resources?placeId=${long}`)).status).toBe(400);
    expect((await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(long) })).status).toBe(400);
  });
});
