/**
 * Exports at any size: the CSV of 30,000 resources (about 7 MB, above Lambda's 6 MB)
 * is answered with a 303 to a generated file, which is complete and valid. The 30,000
 * resources are installed as the process's directory index (writing them one by one
 * through the API would take this shared machine far too long); the route, the export
 * and the download are the real ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness.js';
import { DirectoryIndex } from '../../functions/domain/directory/index/directory-index.js';
import { installDirectoryIndex } from '../../functions/domain/directory/snapshot.js';
import { INLINE_EXPORT_MAX_BYTES } from '../../functions/domain/directory/large-exports.js';
import { newId } from '../../functions/domain/ids.js';
import type { Place } from '../../schemas/place.js';
import type { Resource } from '../../schemas/resource.js';

const META = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1 };
const N = 30_000;
let t: TestContext;
const ids = new Set<string>();

/** RFC 4180 reader for `;` separated, `"` quoted cells, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ';') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell !== '' || row.length) throw new Error('the file does not end with CRLF');
  return rows;
}

beforeAll(async () => {
  t = await createTestContext();
  const index = new DirectoryIndex();
  let clock = 1_760_000_000_000;
  const places: Place[] = Array.from({ length: 500 }, (_, i) => ({ ...META, id: newId(clock++), name: `Lieu « ${i} »`, address: { postcode: '24000', commune: 'Périgueux' }, tags: [], membership: 'member' }) as Place);
  for (const p of places) index.apply('place', p);
  for (let i = 0; i < N; i++) {
    const r = {
      ...META,
      id: newId(clock++),
      placeId: places[i % places.length]!.id,
      kind: i % 2 ? 'space' : 'equipment',
      category: 'workshop',
      name: `Établi n° ${i}; "bois"`,
      description: `Ligne 1\nLigne 2 — réservation conseillée, accès PMR, ${'matériel partagé '.repeat(6)}`,
      quantity: 1,
      uses: ['atelier', 'bricolage'],
      rates: [{ unit: 'day', amountCents: 1250 + i, audience: 'public' }],
      sharing: { lendable: true, depositCents: 5000 },
    } as Resource;
    ids.add(r.id);
    index.apply('resource', r);
  }
  installDirectoryIndex(t.deps.table, index);
});

describe('the CSV export of 30,000 resources', () => {
  it('is above the inline limit, answered by a 303 to the generated file, complete and valid', async () => {
    const res = await t.app.request('/v1/resources.csv');
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/\/v1\/objects\/export-[0-9a-f]{32}-ressources-tiers-lieux\.csv$/);
    const file = await t.app.request(new URL(location).pathname);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(INLINE_EXPORT_MAX_BYTES);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(3)));
    expect(rows).toHaveLength(N + 1);
    const width = rows[0]!.length;
    expect(rows[0]![0]).toBe('ID');
    expect(rows.every((r) => r.length === width)).toBe(true);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(ids);
    const one = rows.find((r) => r[5] === 'Établi n° 7; "bois"')!;
    expect(one[6]).toContain('Ligne 1\nLigne 2');
  });

  it('a filtered export that fits is answered directly', async () => {
    const res = await t.call('GET', '/v1/resources.csv?q=%C3%A9tabli%2012345');
    expect(res.status).toBe(200);
    expect(res.text.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('an unknown generated file is a 404', async () => {
    expect((await t.call('GET', '/v1/objects/export-00000000000000000000000000000000-x.csv')).status).toBe(404);
  });
});
