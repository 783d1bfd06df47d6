/**
 * The fuzz suite, generated from the route table (`openapi.json`): every documented route
 * (new ones are picked up automatically), every kind of caller, and parameters, query
 * strings, headers and bodies derived from the schemas plus hostile values.
 * Assertions: never a 5xx; every error is problem+json with a status the route documents;
 * a write without a valid token is 401 before anything else.
 *
 * Seeded: `FUZZ_SEED` (default fixed) makes a failure reproducible; `FUZZ_RUNS` sets the
 * total number of requests (default 10,000, as issue 10 asks); `FUZZ_LANES` how many run
 * side by side (default 6; 1 = one route after the other, as before).
 *
 * Where a request's time went (CPU profile of the old one-at-a-time run): no single cost
 * stands out. The app itself (Hono, zod, the AWS SDK's signing and HTTP client, about 1 SDK
 * call a request on average) is ~3.5 ms of Node CPU a request, DynamoDB Local ~3.4 ms of its
 * own CPU; generation by fast-check ~0.3 ms; the OpenAPI document is built once per process.
 * The rest was waiting for DynamoDB Local, one request at a time. So the requests are now run
 * in lanes: each lane has its own table, records and tokens and runs its routes (route i in
 * lane i % FUZZ_LANES) one request after the other, so a lane's requests and the state they
 * meet do not depend on the other lanes (a failure names its lane and the variables to replay
 * it). The only cost cut from a request is the test's own: a response body is read to its end
 * but decoded only as far as a message needs (/docs/scalar.js is 3.3 MB).
 * Measured, the file alone, old (3,000 one at a time) then new (10,000 in 6 lanes) back to
 * back on the same DynamoDB Local; this shared 2-core machine was never quiet:
 * - on the shared, slow DynamoDB Local (load 4–7): 3,136 requests in 250 s (12.5/s), then
 *   10,064 in 263 s (38/s): the lanes hide the waiting, 3× the rate;
 * - on a DynamoDB Local of its own (load 5–9): 10,064 in 133 s (76/s), then 3,136 in 38 s
 *   (83/s): there the CPU (2 cores shared by five) is the limit and lanes cannot help.
 * CPU a request is unchanged: about 7 ms (Node + DynamoDB Local), so ~35 s for 10,000 on
 * 2 free cores. See /work/notes/fuzzlogs.md.
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
const TOTAL = Number(process.env.FUZZ_RUNS ?? 10_000);
// Independent lanes run side by side, each on its own table; 1 = the old one-route-at-a-time run.
const LANES = Math.max(1, Math.floor(Number(process.env.FUZZ_LANES ?? 6)));
const WRITE = new Set(['post', 'put', 'patch', 'delete']);
const ROLES = ['none', 'bad-token', 'other-manager', 'integration', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** One lane: its own table and app, its own records to aim at, its own tokens. */
interface Lane {
  t: TestContext;
  pools: Pools;
  tokens: Record<Role, string | undefined>;
}

// Every route group loaded first, so the document lists every route (as /v1/openapi.json does).
await lazyGroupRoutes();
const doc = buildOpenApi() as Json;
const operations: { method: string; path: string; op: Json }[] = [];
for (const [path, methods] of Object.entries<Json>(doc.paths)) for (const [method, op] of Object.entries<Json>(methods)) operations.push({ method, path, op });
const RUNS_PER_ROUTE = Math.max(20, Math.ceil(TOTAL / operations.length));

async function createLane(): Promise<Lane> {
  const t = await createTestContext({ now: '2026-03-10T10:00:00Z' });
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
  const pools = {
    ids: [home, other, ...people, resource, event, unknown],
    placeIds: [home, other, unknown],
    personIds: [...people, unknown],
    accounts: ['network', `place:${home}`, `place:${other}`, `person:${people[0]}`, 'place:NOPE'],
  };
  // "manager of another place": the token of `other`, acting on `home` most of the time.
  const tokens = { none: undefined, 'bad-token': 'tl_01JBADBADBADBADBADBADBADBA_' + 'a'.repeat(43), 'other-manager': await managerToken(t, other), integration: await integrationToken(t), admin: ADMIN };
  return { t, pools, tokens };
}

interface Request {
  role: Role;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function requestArb(method: string, path: string, op: Json, { pools, tokens }: Lane): fc.Arbitrary<Request> {
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

/** One route's property: `numRuns` seeded requests in a row on the lane's app. */
function checkRoute(lane: Lane, index: number): Promise<fc.RunDetails<[Request]>> {
  const { method, path, op } = operations[index]!;
  const open = Array.isArray(op.security) && op.security.length === 0;
  const allowed = documentedStatuses(op);
  const types = errorTypes(op);
  return fc.check(
    fc.asyncProperty(requestArb(method, path, op, lane), async (req) => {
      const res = await lane.t.app.request(req.url, { method: method.toUpperCase(), headers: req.headers, body: method === 'get' ? undefined : req.body });
      // Read to the end (a body that fails midway is a failure too), but decoded only as far as
      // a message needs: /docs/scalar.js is 3.3 MB, and decoding it was most of its request.
      const bytes = new Uint8Array(await res.arrayBuffer());
      const where = `${method.toUpperCase()} ${req.url.slice(0, 200)} as ${req.role} → ${res.status} ${new TextDecoder().decode(bytes.subarray(0, 1200)).slice(0, 300)}`;
      expect(res.status, where).toBeLessThan(500);
      if (res.status >= 400) expect(types.some((ct) => (res.headers.get('content-type') ?? '').includes(ct)), `${where} — content-type ${res.headers.get('content-type')}`).toBe(true);
      expect(allowed.has(res.status) || (res.status === 304 && method === 'get'), `${where} — documented: ${[...allowed].join(', ')}`).toBe(true);
      if (req.role === 'bad-token') expect(res.status, where).toBe(401);
      if (req.role === 'none' && WRITE.has(method) && !open) expect(res.status, where).toBe(401);
    }),
    { seed: SEED + index, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
  );
}

/**
 * Route i runs in lane i % LANES, after the lane's earlier routes, in the order of the
 * document: a lane's requests and the state they meet are the same on every run with the
 * same FUZZ_SEED, FUZZ_RUNS and FUZZ_LANES, whatever the other lanes do meanwhile.
 */
const results: fc.RunDetails<[Request]>[] = [];
const laneOf = (index: number) => index % LANES;
let measured = { ms: 0, requests: 0 };

beforeAll(async () => {
  const lanes = await Promise.all(Array.from({ length: LANES }, createLane));
  const started = performance.now();
  await Promise.all(
    lanes.map(async (lane, k) => {
      for (let i = k; i < operations.length; i += LANES) results[i] = await checkRoute(lane, i);
    }),
  );
  measured = { ms: performance.now() - started, requests: results.reduce((n, r) => n + r.numRuns, 0) };
}, 600_000);

describe(`fuzz: every route of openapi.json (${operations.length} operations, ${RUNS_PER_ROUTE} requests each, seed ${SEED}, ${LANES} lanes)`, () => {
  it('lists the routes of every feature', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('post /v1/visits');
  });

  it(`sent the requests asked for (FUZZ_RUNS=${TOTAL})`, () => {
    console.log(`fuzz: ${measured.requests} requests in ${(measured.ms / 1000).toFixed(1)} s (${Math.round(measured.requests / (measured.ms / 1000))} requests/s, ${LANES} lanes)`);
    // A failed route stops at its first counterexample (reported by its own test below).
    if (results.every((r) => !r.failed)) expect(measured.requests).toBe(operations.length * RUNS_PER_ROUTE);
    expect(operations.length * RUNS_PER_ROUTE).toBeGreaterThanOrEqual(TOTAL);
  });

  operations.forEach(({ method, path }, index) => {
    it(`${method.toUpperCase()} ${path}`, () => {
      const r = results[index]!;
      if (r.failed) throw new Error(`${fc.defaultReportMessage(r)}\n(lane ${laneOf(index)} of ${LANES}: replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${TOTAL} FUZZ_LANES=${LANES})`, { cause: r.errorInstance });
      expect(r.numRuns).toBe(RUNS_PER_ROUTE);
    });
  });
});
