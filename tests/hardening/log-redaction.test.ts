/**
 * Logs: one structured JSON line per request (request id, cold start, route, status,
 * duration) and one per error, through Powertools' Logger; requests carrying tokens,
 * emails and phone numbers, and failing ones, leave none of those values in any line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { personInput, placeInput } from '../support/fixtures.js';
import { injectFaults } from '../support/faults.js';
import { logger } from '../../functions/observability/logger.js';
import { redactText } from '../../functions/observability/redact.js';

const EMAIL = 'alice.secrete@exemple-asso.fr';
const PHONE = '06 12 34 56 78';
const PHONE_INTL = '+33 6 98 76 54 32';
const FAKE_TOKEN = `tl_${'0'.repeat(26)}_${'x'.repeat(43)}`;

let t: TestContext;
let captured = '';
const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

function capture(stream: NodeJS.WriteStream, original: typeof process.stdout.write) {
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
}

beforeAll(async () => {
  t = await createTestContext();
  logger.setLogLevel('INFO');
  capture(process.stdout, originals.out);
  capture(process.stderr, originals.err);
});
afterAll(() => {
  process.stdout.write = originals.out;
  process.stderr.write = originals.err;
  logger.setLogLevel('WARN');
});

const lines = () =>
  captured
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('structured logs with personal data and secrets masked', () => {
  it('a run of requests with tokens, emails, phones and failures leaves none of them in the logs', async () => {
    const place = await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ contact: undefined }) });
    expect(place.status).toBe(201);
    const person = await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(place.body.id, { email: EMAIL, phone: PHONE }) });
    expect(person.status).toBe(201);
    const tok = await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: place.body.id } });
    expect(tok.status).toBe(201);
    const secrets = [EMAIL, PHONE, PHONE_INTL, FAKE_TOKEN, ADMIN, tok.body.token as string];

    expect((await t.call('GET', `/v1/people/${person.body.id}`, { token: tok.body.token })).status).toBe(200);
    expect((await t.call('GET', '/v1/places', { token: FAKE_TOKEN })).status).toBe(401);
    expect((await t.call('GET', `/v1/people?q=${encodeURIComponent(EMAIL)}`)).status).toBe(200);
    expect((await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(place.body.id, { email: `${EMAIL}@@`, phone: PHONE_INTL, unknownField: EMAIL }) })).status).toBe(400);
    expect((await t.call('PATCH', `/v1/people/${person.body.id}`, { token: tok.body.token, body: { phone: PHONE_INTL } })).status).toBe(200);
    expect((await t.call('GET', `/v1/places/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { headers: { authorization: `Bearer ${FAKE_TOKEN}`, cookie: `s=${EMAIL}` } })).status).toBe(401);
    expect((await t.call('GET', '/v1/places/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    // A failure the code did not expect, whose message quotes personal data: logged, masked, 500.
    const faults = injectFaults(t.deps.table, (cmd) => (cmd === 'GetItemCommand' ? new Error(`panne pour ${EMAIL} (${PHONE}), Authorization: Bearer ${tok.body.token}`) : undefined));
    const boom = await t.call('GET', `/v1/people/${person.body.id}`, { token: ADMIN });
    faults.remove();
    expect(boom.status).toBe(500);
    // Background functions use the same logger.
    logger.info('sync round', { provider: 'sheets', row: { email: EMAIL, phone: PHONE_INTL, note: `rappeler le ${PHONE}` }, headers: { Authorization: `Bearer ${FAKE_TOKEN}` }, rowsByContact: { [EMAIL]: 2, [PHONE]: 3 } });

    const all = lines();
    expect(all.length).toBeGreaterThan(10);
    for (const s of secrets) expect(captured, `found in the logs: ${s}`).not.toContain(s);
    expect(captured).not.toMatch(/alice\.secrete|98 76 54 32|12 34 56 78/);
    expect(captured).toContain('[masqué]');

    const requests = all.filter((l) => l.message === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(10);
    for (const r of requests) {
      expect(r).toMatchObject({ level: expect.stringMatching(/INFO|ERROR/), service: 'tiers-lieux', requestId: expect.any(String), coldStart: expect.any(Boolean), method: expect.any(String), route: expect.any(String), status: expect.any(Number), durationMs: expect.any(Number) });
      expect(r.timestamp).toBeTruthy();
    }
    expect(requests.filter((r) => r.coldStart)).toHaveLength(1);
    expect(requests).toContainEqual(expect.objectContaining({ method: 'GET', route: '/v1/places/{placeId}', status: 404 }));
    expect(requests).toContainEqual(expect.objectContaining({ method: 'POST', route: '/v1/people', status: 400 }));
    expect(requests).toContainEqual(expect.objectContaining({ route: '/v1/people/{personId}', status: 500, level: 'ERROR' }));
    expect(all).toContainEqual(expect.objectContaining({ message: 'unhandled', level: 'ERROR', errorMessage: expect.stringContaining('[masqué]') }));
  });

  it('the masking rules, one by one', () => {
    expect(redactText(`écrire à ${EMAIL} ou au ${PHONE} / ${PHONE_INTL} / 06.12.34.56.78 / 0612345678`)).toBe('écrire à [masqué] ou au [masqué] / [masqué] / [masqué] / [masqué]');
    expect(redactText(`Bearer abc.def-ghi`)).toBe('[masqué]');
    expect(redactText(`/v1/statements/2026-03/x?exp=123&sig=abcdef`)).toBe('/v1/statements/2026-03/x?exp=123&sig=[masqué]');
    expect(redactText(`POST /v19.0/123/feed?access_token=EAAB1x2&fields=id`)).toBe('POST /v19.0/123/feed?access_token=[masqué]&fields=id');
    expect(redactText(`?api_key=k&refresh_token=r&client_secret=s`)).toBe('?api_key=[masqué]&refresh_token=[masqué]&client_secret=[masqué]');
    // What must stay readable: ids, days, timestamps, amounts.
    const plain = '01ARZ3NDEKTSV4RRFFQ69G5FAV 2026-03-02 2026-03-02T10:00:00.000Z 1000 cents, 12,50 €, 45.184';
    expect(redactText(plain)).toBe(plain);
  });
});
