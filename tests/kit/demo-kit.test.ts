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
    const placeIds: Record<string, string> = {};
    for (const key of ['perigueux-la-fabrique', 'bergerac-la-gabare', 'sarlat-le-cantou', 'nontron-l-etabli', 'riberac-la-grange']) {
      placeIds[key] = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: key }) })).body.id;
    }

    const loaded = await loadDemoKit(t.deps, placeIds);
    const all = (await t.call('GET', '/v1/kit?limit=100')).body.items as { id: string; kind: string; placeId?: string; fileUrl?: string; contentType?: string; size?: number }[];

    expect(loaded).toEqual({ assets: 13, files: 5 });
    expect(all).toHaveLength(13);
    expect(new Set(all.map((a) => a.kind))).toEqual(new Set(KIT_KINDS));
    expect(all.filter((a) => a.placeId).length).toBeGreaterThanOrEqual(5);
    const withFile = all.filter((a) => a.fileUrl);
    expect(withFile.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'image/svg+xml', 'image/svg+xml', 'text/markdown', 'text/plain']);
    for (const a of withFile) {
      const file = await t.app.request(`/v1/kit/${a.id}/file`);
      expect(file.status).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBe(a.size);
    }
    const pdf = withFile.find((a) => a.contentType === 'application/pdf')!;
    const text = new TextDecoder().decode(await (await t.app.request(`/v1/kit/${pdf.id}/file`)).arrayBuffer());
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
