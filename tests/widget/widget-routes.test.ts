import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { createPlace, eventInput } from '../events/event-fixtures.js';
import { loadDemoEvents } from '../../scripts/seed/demo-events.js';

let t: TestContext;
let placeId: string;
beforeAll(async () => {
  t = await createTestContext({ now: '2026-06-01T08:00:00Z' });
  placeId = await createPlace(t, { name: 'La Gabare', address: { postcode: '24100', commune: 'Bergerac' } });
});

describe('widget and public pages', () => {
  it('GET /widget.js is one ES module with ETag, Cache-Control and CORS, and 304 when unchanged', async () => {
    const r = await t.call('GET', '/widget.js', { headers: { origin: 'https://un-lieu.example.org' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.text).toContain('tiers-lieux-reseau');
    expect(r.text).not.toMatch(/^\s*(import|require)\b/m);
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.call('GET', '/widget.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('GET /demo is a place’s website embedding the widget in its views', async () => {
    const r = await t.call('GET', '/demo');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<script type="module" src="/widget.js"></script>');
    for (const view of ['events', 'resources', 'places', 'availability', 'kit']) expect(r.text).toContain(`<tiers-lieux-reseau view="${view}"`);
  });

  it('an event’s public page carries Open Graph tags and schema.org Event JSON-LD, escaped', async () => {
    const e = await t.call('POST', '/v1/events', { token: ADMIN, body: eventInput(placeId, { title: 'Fête </script><b>x</b>', imageUrl: 'https://images.example.org/f.jpg' }) });
    const r = await t.call('GET', `/events/${e.body.id}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('<meta property="og:image" content="https://images.example.org/f.jpg">');
    expect(r.text).not.toContain('</script><b>');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(r.text)![1]!);
    expect(ld).toMatchObject({ '@type': 'Event', name: 'Fête </script><b>x</b>', startDate: '2026-06-12T18:30:00+02:00', location: { name: 'La Gabare' } });
    expect((await t.call('GET', '/events/NOPE')).status).toBe(404);
  });

  it('every route of this feature is in the OpenAPI document', async () => {
    const { body } = await t.call('GET', '/v1/openapi.json');
    for (const path of ['/v1/events', '/v1/events/{eventId}', '/v1/events.ics', '/v1/events/{eventId}/relay', '/widget.js', '/demo', '/events/{eventId}']) {
      expect(body.paths[path], path).toBeDefined();
    }
  });

  it('the demo agenda loads through the use cases, dated from today, one of them cancelled', async () => {
    const dt = await createTestContext({ now: '2026-06-01T08:00:00Z' });
    const ids: Record<string, string> = {};
    for (const key of ['perigueux-la-fabrique', 'bergerac-la-gabare', 'riberac-la-grange']) ids[key] = await createPlace(dt, { name: key });
    expect(await loadDemoEvents(dt.deps, ids)).toBe(3);
    const list = await dt.call('GET', '/v1/events');
    expect(list.body.items.map((e: { status: string }) => e.status)).toEqual(['scheduled', 'scheduled', 'cancelled']);
  });
});
