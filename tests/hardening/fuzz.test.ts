/**
 * The fuzz suite, generated from the route table (`openapi.json`): every documented route
 * (new ones are picked up automatically), every kind of caller, and parameters, query
 * strings, headers and bodies derived from the schemas plus hostile values.
 * Assertions: never a 5xx; every error is problem+json with a status the route documents;
 * a write without a valid token is 401 before anything else.
 *
 * Seeded: `FUZZ_SEED` (default fixed) makes a failure reproducible; `FUZZ_RUNS` sets the
 * total number of requests (default 3,000; `FUZZ_RUNS=10000` for the full run).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { personInput, resourceInput } from '../support/fixtures.js';
import { createPlace, managerToken, integrationToken } from '../mobility/mobility-setup.js';
import { enc, hostileString, valueArb, type Pools } from './fuzz-arbitraries.js';
import { buildOpenApi } from '../../functions/api/openapi/build.js';
import { lazyGroupRoutes } from '../../functions/api/lazy-routes.js';

type Json = Record<string, any>;

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
// 3,000 by default: 10,000 took over 10 minutes on the shared, loaded 2-core machine.
const TOTAL = Number(process.env.FUZZ_RUNS ?? 3_000);
const WRITE = new Set(['post', 'put', 'patch', 'delete']);
const ROLES = ['none', 'bad-token', 'other-manager', 'integration', 'admin'] as const;
type Role = (typeof ROLES)[number];

let t: TestContext;
let pools: Pools;
let tokens: Record<Role, string | undefined>;

// Every route group loaded first, so the document lists every route (as /v1/openapi.json does).
await lazyGroupRoutes();
const doc = buildOpenApi() as Json;
const operations: { method: string; path: string; op: Json }[] = [];
for (const [path, methods] of Object.entries<Json>(doc.paths)) for (const [method, op] of Object.entries<Json>(methods)) operations.push({ method, path, op });
const RUNS_PER_ROUTE = Math.max(20, Math.ceil(TOTAL / operations.length));

beforeAll(async () => {
  t = await createTestContext({ now: '2026-03-10T10:00:00Z' });
  const home = await createPlace(t, { name: 'Maison du fuzz' });
  const other = await createPlace(t, { name: 'Ailleurs' });
  const people: string[] = [];
  for (const [i, publicProfile] of [true, false].entries()) {
    const r = await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(i ? other : home, { publicProfile, displayName: `Personne ${i}` }) });
    people.push(r.body.id);
  }
  const resource = (await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(home) })).body.id;
  const event = (await t.call('POST', '/v1/events', { token: ADMIN, body: { placeId: home, title: 'Atelier', startsAt: '2026-04-02T18:00' } })).body.id;
  const unknown = '01JUNKNOWNUNKNOWNUNKNOWN00';
  pools = {
    ids: [home, other, ...people, resource, event, unknown],
    placeIds: [home, other, unknown],
    personIds: [...people, unknown],
    accounts: ['network', `place:${home}`, `place:${other}`, `person:${people[0]}`, 'place:NOPE'],
  };
  // "manager of another place": the token of `other`, acting on `home` most of the time.
  tokens = { none: undefined, 'bad-token': 'tl_01JBADBADBADBADBADBADBADBA_' + 'a'.repeat(43), 'other-manager': await managerToken(t, other), integration: await integrationToken(t), admin: ADMIN };
}, 120_000);

interface Request {
  role: Role;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function requestArb(method: string, path: string, op: Json): fc.Arbitrary<Request> {
  const components = doc.components.schemas as Json;
  const params = (op.parameters ?? []) as Json[];
  const pathParams = params.filter((p) => p.in === 'path');
  const query = params.filter((p) => p.in === 'query');
  const headers = params.filter((p) => p.in === 'header');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema as Json | undefined;

  const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fc.oneof({ arbitrary: valueArb(p.name, p.schema, components, pools) as fc.Arbitrary<unknown>, weight: 4 }, { arbitrary: hostileString(), weight: 1 }).filter((v) => String(v) !== '')])));
  const queryArb = fc.record(Object.fromEntries(query.map((p) => [p.name, valueArb(p.name, p.schema, components, pools)])), { requiredKeys: [] });
  const extraQuery = fc.option(fc.tuple(fc.constantFrom('unknownParam', 'limit', 'cursor', 'deep'), hostileString()), { freq: 5 });
  const headerArb = fc.record(
    Object.fromEntries(headers.map((h) => [h.name, fc.oneof(fc.uuid(), fc.constantFrom('"1"', '"999"', 'W/"2"', '0', '-1', 'abc'), hostileString())])),
    { requiredKeys: [] },
  );
  const bodyArb: fc.Arbitrary<{ text?: string; type?: string }> = bodySchema
    ? fc.oneof(
        { arbitrary: valueArb('body', bodySchema, components, pools).map((v) => ({ text: JSON.stringify(v) ?? 'null', type: 'application/json' })), weight: 12 },
        { arbitrary: fc.constantFrom('{"a":', '', 'null', '[]', '"x"', '\u0000').map((text) => ({ text, type: 'application/json' })), weight: 1 },
        { arbitrary: fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded').map((type) => ({ text: '{}', type })), weight: 1 },
        { arbitrary: fc.constant({ text: JSON.stringify({ big: 'x'.repeat(200 * 1024) }), type: 'application/json' }), weight: 1 },
        { arbitrary: fc.constant({}), weight: 1 },
      )
    : fc.constant({});

  return fc.record({ role: fc.constantFrom(...ROLES), pathValues: pathArb, queryValues: queryArb, extra: extraQuery, headerValues: headerArb, body: bodyArb }).map(({ role, pathValues, queryValues, extra, headerValues, body }) => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => enc(String((pathValues as Record<string, unknown>)[name])));
    const qs = Object.entries(queryValues)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : JSON.stringify(v))}`);
    if (extra) qs.push(`${enc(extra[0])}=${enc(extra[1])}`);
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(headerValues)) if (typeof v === 'string' && /^[\t\x20-\x7e]*$/.test(v)) h[k] = v;
    if (body.type) h['content-type'] = body.type;
    const token = tokens[role];
    if (token) h.authorization = `Bearer ${token}`;
    return { role, url: qs.length ? `${url}?${qs.join('&')}` : url, headers: h, body: body.text };
  });
}

/** Pages (HTML routes) answer their errors as French HTML pages; the API as problem+json. */
function errorTypes(op: Json): string[] {
  const html = Object.values<Json>(op.responses).some((r) => r.content && 'text/html' in r.content);
  return html ? ['application/problem+json', 'text/html'] : ['application/problem+json'];
}

function documentedStatuses(op: Json): Set<number> {
  return new Set(Object.keys(op.responses).filter((k) => /^\d+$/.test(k)).map(Number));
}

describe(`fuzz: every route of openapi.json (${operations.length} operations, ${RUNS_PER_ROUTE} requests each, seed ${SEED})`, () => {
  it('lists the routes of every feature', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('post /v1/visits');
  });

  for (const { method, path, op } of operations) {
    const open = Array.isArray(op.security) && op.security.length === 0;
    it(`${method.toUpperCase()} ${path}`, async () => {
      const allowed = documentedStatuses(op);
      const types = errorTypes(op);
      await fc.assert(
        fc.asyncProperty(requestArb(method, path, op), async (req) => {
          const res = await t.app.request(req.url, { method: method.toUpperCase(), headers: req.headers, body: method === 'get' ? undefined : req.body });
          const text = await res.text();
          const where = `${method.toUpperCase()} ${req.url.slice(0, 200)} as ${req.role} → ${res.status} ${text.slice(0, 300)}`;
          expect(res.status, where).toBeLessThan(500);
          if (res.status >= 400) expect(types.some((ct) => (res.headers.get('content-type') ?? '').includes(ct)), `${where} — content-type ${res.headers.get('content-type')}`).toBe(true);
          expect(allowed.has(res.status) || (res.status === 304 && method === 'get'), `${where} — documented: ${[...allowed].join(', ')}`).toBe(true);
          if (req.role === 'bad-token') expect(res.status, where).toBe(401);
          if (req.role === 'none' && WRITE.has(method) && !open) expect(res.status, where).toBe(401);
        }),
        { seed: SEED + operations.findIndex((o) => o.op === op), numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }, 300_000);
  }
});
