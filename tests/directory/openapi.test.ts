import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness.js';
import { lazyGroupRoutes } from '../../functions/api/lazy-routes.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});

describe('API documentation', () => {
  it('openapi.json is OpenAPI 3.1 and lists every route the app serves', async () => {
    const r = await t.call('GET', '/v1/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries<Record<string, unknown>>(r.body.paths)) for (const m of Object.keys(methods)) documented.add(`${m.toUpperCase()} ${path}`);
    const served = new Set<string>();
    // The directory's routes, and those of the groups loaded on first use.
    for (const route of [...t.app.routes, ...(await lazyGroupRoutes())]) {
      if (route.method === 'ALL') continue; // middleware and the lazy groups' dispatchers
      served.add(`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    }
    const normalise = (s: string) => s.replace(/\{\w+\}/g, '{}');
    const missing = [...served].filter((s) => ![...documented].some((d) => normalise(d) === normalise(s)));
    expect(missing).toEqual([]);
    expect(served.size).toBeGreaterThan(15);
    // Feature routes are counted too (they live in the lazy groups).
    expect(served).toContain('POST /v1/visits');
    expect(served).toContain('GET /v1/events.ics');
  });

  it('every $ref resolves to a component schema', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });

  it('/docs is the viewer served by this API itself: scripts from its own origin only, cacheable, fetching no font', async () => {
    const r = await t.call('GET', '/docs');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<html lang="fr">');
    const scripts = [...r.text.matchAll(/<script\b([^>]*)>/g)].map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1]);
    expect(scripts).toEqual(['/docs/scalar.js', '/docs/scalar-init.js']);
    expect(r.text).not.toMatch(/<link[^>]+stylesheet|src="http/);
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self';/);

    const viewer = await t.call('GET', '/docs/scalar.js');
    expect(viewer.status).toBe(200);
    expect(viewer.headers.get('content-type')).toContain('javascript');
    expect(viewer.headers.get('cache-control')).toMatch(/^public, max-age=86400/);
    expect(viewer.text).toContain('createApiReference');
    expect(viewer.text).not.toMatch(/url\(https?:[^)]*\.woff2\)/);
    expect((await t.call('GET', '/docs/scalar.js', { headers: { 'if-none-match': viewer.headers.get('etag')! } })).status).toBe(304);
    expect((await t.call('GET', '/docs/scalar-init.js')).text).toContain("'#api-reference'");
  });

  it('groups every tag under a theme', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json')).body;
    const grouped = doc['x-tagGroups'].flatMap((g: { tags: string[] }) => g.tags);
    expect(grouped.sort()).toEqual(doc.tags.map((tag: { name: string }) => tag.name).sort());
  });

  it('health answers ok', async () => {
    expect((await t.call('GET', '/v1/health')).body.status).toBe('ok');
  });

  it('unknown routes are problem+json 404', async () => {
    const r = await t.call('GET', '/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('HTTP caching', () => {
  it('public reads are cacheable for a minute, reads with a token never', async () => {
    const pub = await t.call('GET', '/v1/places');
    expect(pub.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(pub.headers.get('vary')).toContain('Authorization');
    const priv = await t.call('GET', '/v1/places', { token: 'test-admin-token-0123456789' });
    expect(priv.headers.get('cache-control')).toBe('private, no-store');
    expect((await t.call('GET', '/v1/places/NOPE')).headers.get('cache-control')).toBe('private, no-store');
  });
});
