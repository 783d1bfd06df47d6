import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { placeInput } from '../support/fixtures.js';
import { localFileStore } from '../../integrations/files/local-file-store.js';

let t: TestContext;
let dir: string;
let home: string;
let other: string;
let manager: string;
let integration: string;

export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');

export function kitInput(overrides: Record<string, unknown> = {}) {
  return { title: 'Modèle d’affiche', kind: 'template', description: 'Affiche A3 à personnaliser.', licence: 'CC BY-SA 4.0', language: 'fr', tags: ['affiche'], ...overrides };
}

beforeAll(async () => {
  t = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), 'kit-files-'));
  t.deps.files = localFileStore(dir);
  home = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Maison' }) })).body.id;
  other = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Voisin' }) })).body.id;
  manager = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: home } })).body.token;
  integration = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'integration' } })).body.token;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Asks for an upload and PUTs the bytes to the link returned, as a browser would. */
async function upload(assetId: string, bytes: Buffer, contentType: string, fileName = 'fichier', token = manager) {
  const ticket = await t.call('POST', `/v1/kit/${assetId}/file`, { token, body: { fileName, contentType, size: bytes.length } });
  if (ticket.status !== 200) return { ticket, put: undefined };
  const url = new URL(ticket.body.uploadUrl);
  const res = await t.app.request(url.pathname + url.search, { method: 'PUT', headers: { ...ticket.body.headers, 'content-length': String(bytes.length) }, body: new Uint8Array(bytes) });
  return { ticket, put: { status: res.status, body: await res.json() } };
}

describe('kit access rules', () => {
  it('a manager adds and edits its own place’s assets, not another place’s nor the network’s', async () => {
    const own = await t.call('POST', '/v1/kit', { token: manager, body: kitInput({ placeId: home }) });
    const foreign = await t.call('POST', '/v1/kit', { token: manager, body: kitInput({ placeId: other }) });
    const network = await t.call('POST', '/v1/kit', { token: manager, body: kitInput() });
    const byAdmin = await t.call('POST', '/v1/kit', { token: ADMIN, body: kitInput({ title: 'Charte graphique du réseau', kind: 'guide' }) });
    const editNetwork = await t.call('PATCH', `/v1/kit/${byAdmin.body.id}`, { token: manager, body: { title: 'x' } });
    const editOwn = await t.call('PATCH', `/v1/kit/${own.body.id}`, { token: manager, body: { title: 'Affiche de la Maison' } });
    const moveAway = await t.call('PATCH', `/v1/kit/${own.body.id}`, { token: manager, body: { placeId: other } });

    expect([own.status, foreign.status, network.status, byAdmin.status]).toEqual([201, 403, 403, 201]);
    expect([editNetwork.status, editOwn.status, moveAway.status]).toEqual([403, 200, 403]);
    expect(editOwn.body).toMatchObject({ title: 'Affiche de la Maison', version: 2 });
  });

  it('anyone reads and searches; anonymous and integration callers cannot write', async () => {
    const anonymous = await t.call('POST', '/v1/kit', { body: kitInput() });
    const byIntegration = await t.call('POST', '/v1/kit', { token: integration, body: kitInput() });
    const list = await t.call('GET', '/v1/kit');

    expect(anonymous.status).toBe(401);
    expect(byIntegration.status).toBe(403);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { title: string }) => a.title)).toEqual(['Affiche de la Maison', 'Charte graphique du réseau']);
  });

  it('searches accent-insensitively, by kind and by tag, and hides archived assets', async () => {
    const pitch = await t.call('POST', '/v1/kit', { token: ADMIN, body: kitInput({ title: 'Présenter un tiers-lieu en 2 minutes', kind: 'pitch', tags: ['élus', 'oral'] }) });
    const q = await t.call('GET', '/v1/kit?q=presenter%20elus');
    const byKind = await t.call('GET', '/v1/kit?kind=guide');
    const byTag = await t.call('GET', '/v1/kit?tag=Elus');
    const archived = await t.call('DELETE', `/v1/kit/${pitch.body.id}`, { token: ADMIN });
    const after = await t.call('GET', '/v1/kit?kind=pitch');
    const badKind = await t.call('GET', '/v1/kit?kind=poster');

    expect(q.body.items.map((a: { id: string }) => a.id)).toEqual([pitch.body.id]);
    expect(byKind.body.items.map((a: { title: string }) => a.title)).toEqual(['Charte graphique du réseau']);
    expect(byTag.body.items).toHaveLength(1);
    expect(archived.body.archivedAt).toBeDefined();
    expect(after.body.items).toEqual([]);
    expect(badKind.status).toBe(400);
  });
});

describe('kit files', () => {
  let asset: string;
  beforeAll(async () => {
    asset = (await t.call('POST', '/v1/kit', { token: manager, body: kitInput({ title: 'Logo de la Maison', kind: 'logo', placeId: home }) })).body.id;
  });

  it('a PNG goes up through the signed local link; the asset then carries fileUrl, contentType and size', async () => {
    const { ticket, put } = await upload(asset, PNG, 'image/png', 'logo.png');
    const read = await t.call('GET', `/v1/kit/${asset}`);
    const file = await t.app.request(`/v1/kit/${asset}/file`);

    expect(ticket.body).toMatchObject({ method: 'PUT', headers: { 'content-type': 'image/png' }, uploadUrl: expect.stringMatching(/^http:\/\/localhost:3000\/v1\/kit\/uploads\/\w+\?token=/) });
    expect(put!.status).toBe(200);
    expect(read.body).toMatchObject({ fileUrl: `http://localhost:3000/v1/kit/${asset}/file`, contentType: 'image/png', size: PNG.length, fileName: 'logo.png' });
    expect(read.body.fileKey).toBeUndefined();
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="logo.png"/);
    expect(file.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses bytes that are not the declared type (an HTML page sent as a PNG, a PDF sent as an SVG)', async () => {
    const html = await upload(asset, Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/png', 'piege.png');
    const pdfAsSvg = await upload(asset, Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'image/svg+xml', 'faux.svg');
    const htmlAsText = await upload(asset, Buffer.from('<html><body><script>alert(1)</script></body></html>'), 'text/plain', 'notes.txt');
    const still = await t.call('GET', `/v1/kit/${asset}`);

    expect(html.put!.status).toBe(415);
    expect(html.put!.body.detail).toBe('Le contenu du fichier ne correspond pas au type annoncé (image/png) ni à aucun type accepté.');
    expect(pdfAsSvg.put!.status).toBe(415);
    expect(pdfAsSvg.put!.body.detail).toMatch(/en réalité un fichier application\/pdf/);
    expect(htmlAsText.put!.status).toBe(415);
    expect(still.body.contentType).toBe('image/png');
  });

  it('refuses more than 20 MB, an unknown type, a link used twice or tampered with, and uploads by another place', async () => {
    const big = await t.call('POST', `/v1/kit/${asset}/file`, { token: manager, body: { fileName: 'gros.pdf', contentType: 'application/pdf', size: 20 * 1024 * 1024 + 1 } });
    const exe = await t.call('POST', `/v1/kit/${asset}/file`, { token: manager, body: { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 10 } });
    const foreign = await t.call('POST', `/v1/kit/${asset}/file`, { token: (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: other } })).body.token, body: { fileName: 'a.png', contentType: 'image/png', size: 10 } });
    const ticket = (await t.call('POST', `/v1/kit/${asset}/file`, { token: manager, body: { fileName: 'a.png', contentType: 'image/png', size: PNG.length } })).body;
    const url = new URL(ticket.uploadUrl);
    const tampered = await t.app.request(`${url.pathname}?token=${'A'.repeat(43)}`, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(PNG) });
    const first = await t.app.request(url.pathname + url.search, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(PNG) });
    const again = await t.app.request(url.pathname + url.search, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(PNG) });
    const tooBig = await t.call('POST', `/v1/kit/${asset}/file`, { token: manager, body: { fileName: 'a.png', contentType: 'image/png', size: 5 } });
    const overSize = await t.app.request(new URL(tooBig.body.uploadUrl).pathname + new URL(tooBig.body.uploadUrl).search, { method: 'PUT', headers: tooBig.body.headers, body: new Uint8Array(PNG) });

    expect(big.status).toBe(400);
    expect(big.body.errors).toEqual([{ path: 'size', message: 'fichier trop lourd : 20 Mo au plus' }]);
    expect(exe.body.errors[0]).toMatchObject({ path: 'contentType', message: expect.stringMatching(/type de fichier non accepté/) });
    expect(foreign.status).toBe(403);
    expect(tampered.status).toBe(404);
    expect(first.status).toBe(200);
    expect(again.status).toBe(404);
    expect(overSize.status).toBe(400);
  });

  it('a PUT over 20 MB is refused before it is stored', async () => {
    const ticket = (await t.call('POST', `/v1/kit/${asset}/file`, { token: manager, body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 1000 } })).body;
    const url = new URL(ticket.uploadUrl);
    const res = await t.app.request(url.pathname + url.search, { method: 'PUT', headers: { ...ticket.headers, 'content-length': String(20 * 1024 * 1024 + 1) }, body: new Uint8Array(Buffer.from('%PDF-')) });

    expect(res.status).toBe(413);
  });

  it('without a file store the upload is refused with a clear message, not a 500', async () => {
    const bare = await createTestContext();
    const a = (await bare.call('POST', '/v1/kit', { token: ADMIN, body: kitInput() })).body.id;
    const r = await bare.call('POST', `/v1/kit/${a}/file`, { token: ADMIN, body: { fileName: 'a.png', contentType: 'image/png', size: 10 } });

    expect(r.status).toBe(503);
    expect(r.body.detail).toBe('Le stockage des fichiers du kit n’est pas configuré sur ce serveur.');
  });
});
