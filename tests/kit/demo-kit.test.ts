import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, ADMIN } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { localFileStore } from '../../integrations/files/local-file-store.js';
import { loadDemoKit } from '../../scripts/seed/demo-kit.js';
import { KIT_KINDS } from '../../schemas/kit.js';

const dir = mkdtempSync(join(tmpdir(), 'demo-kit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo kit', () => {
  it('loads a dozen assets of every kind, some of places, five with a real file served back', async () => {
    const t = await createTestContext();
    t.deps.files = localFileStore(dir);
    const keys = ['perigueux-la-fabrique', 'bergerac-la-gabare', 'sarlat-le-cantou', 'nontron-l-etabli', 'riberac-la-grange'];
    const ids = await Promise.all(keys.map(async (key) => (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: key }) })).body.id as string));
    const placeIds = Object.fromEntries(keys.map((k, i) => [k, ids[i]!]));

    const loaded = await loadDemoKit(t.deps, placeIds);
    const all = (await t.call('GET', '/v1/kit?limit=100')).body.items as { id: string; kind: string; placeId?: string; fileUrl?: string; contentType?: string; size?: number }[];

    expect(loaded).toEqual({ assets: 13, files: 5 });
    expect(all).toHaveLength(13);
    expect(new Set(all.map((a) => a.kind))).toEqual(new Set(KIT_KINDS));
    expect(all.filter((a) => a.placeId).length).toBeGreaterThanOrEqual(5);
    const withFile = all.filter((a) => a.fileUrl);
    expect(withFile.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'image/svg+xml', 'image/svg+xml', 'text/markdown', 'text/plain']);
    const files = await Promise.all(withFile.map(async (a) => {
      const file = await t.app.request(`/v1/kit/${a.id}/file`);
      return { status: file.status, bytes: (await file.arrayBuffer()).byteLength };
    }));
    expect(files).toEqual(withFile.map((a) => ({ status: 200, bytes: a.size })));
    const pdf = withFile.find((a) => a.contentType === 'application/pdf')!;
    const text = new TextDecoder().decode(await (await t.app.request(`/v1/kit/${pdf.id}/file`)).arrayBuffer());
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
