import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createMembers, NOW, OBJECTION_TEXT, openProposal, proxy, vote } from './decision-setup.js';

let t: TestContext;
let m: Awaited<ReturnType<typeof createMembers>>['members'];

beforeAll(async () => {
  t = await createTestContext({ now: NOW });
  ({ members: m } = await createMembers(t, 4));
});

const tokenOf = (url: string) => new URL(url).pathname.replace('/vote/', '');
const form = (body: Record<string, string>) => ({ rawBody: new URLSearchParams(body).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('voting links', () => {
  it('one opaque link per elector (admin only), stored hashed; asking again revokes the earlier links (410)', async () => {
    const id = await openProposal(t);
    expect((await t.call('POST', `/v1/proposals/${id}/ballots`, { token: m[0]!.token })).status).toBe(403);
    const first = await t.call('POST', `/v1/proposals/${id}/ballots`, { token: ADMIN });
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: any) => i.placeId).sort()).toEqual(m.map((p) => p.id).sort());
    for (const i of first.body.items) expect(i.url).toMatch(/^http:\/\/localhost:3000\/vote\/[A-Za-z0-9_-]{32}$/);
    const token = tokenOf(first.body.items[0].url);
    const page = await t.call('GET', `/vote/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain(first.body.items[0].placeName);
    // The table holds the token's hash only.
    const audit = await t.call('GET', `/v1/audit?entityId=${id}`, { token: ADMIN });
    expect(JSON.stringify(audit.body)).not.toContain(token);

    const again = await t.call('POST', `/v1/proposals/${id}/ballots`, { token: ADMIN });
    const revoked = await t.call('GET', `/vote/${token}`);
    expect(revoked.status).toBe(410);
    expect(revoked.headers.get('content-type')).toContain('text/html');
    expect(revoked.text).toContain('remplacé');
    expect((await t.call('GET', `/vote/${tokenOf(again.body.items[0].url)}`)).status).toBe(200);
  });

  it('a form-encoded POST records the place’s vote through the link channel, and can change it', async () => {
    const id = await openProposal(t);
    const links = (await t.call('POST', `/v1/proposals/${id}/ballots`, { token: ADMIN })).body.items;
    const mine = links.find((l: any) => l.placeId === m[1]!.id);
    const token = tokenOf(mine.url);
    const done = await t.call('POST', `/vote/${token}`, form({ choice: 'no' }));
    expect(done.status).toBe(200);
    expect(done.text).toContain('est enregistré');
    const short = await t.call('POST', `/vote/${token}`, form({ choice: 'objection', comment: 'Non.' }));
    expect(short.status).toBe(400);
    expect(short.headers.get('content-type')).toContain('text/html');
    expect(short.text).toContain('20 caractères');
    expect((await t.call('POST', `/vote/${token}`, form({}))).status).toBe(400);
    expect((await t.call('POST', `/vote/${token}`, form({ choice: 'objection', comment: OBJECTION_TEXT }))).status).toBe(200);
    const audit = await t.call('GET', `/v1/audit?entityId=${id}`, { token: ADMIN });
    const votes = audit.body.items.filter((a: any) => a.action === 'vote');
    expect(votes).toHaveLength(2);
    expect(votes[0].after).toMatchObject({ placeId: m[1]!.id, channel: 'link', by: 'self' });
    expect(votes[0].note).toMatch(/lien de vote/);
    await t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN });
    const closed = await t.call('GET', `/vote/${token}`);
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('clos');
    expect((await t.call('POST', `/vote/${token}`, form({ choice: 'yes' }))).status).toBe(410);
  });

  it('an unknown token is a French HTML 404, never JSON', async () => {
    for (const token of ['abcdefghijklmnopqrstuvwxyz012345', 'x']) {
      const r = await t.call('GET', `/vote/${token}`, { headers: { accept: 'application/json' } });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.text).toContain('<html lang="fr">');
    }
    expect((await t.call('POST', '/vote/abcdefghijklmnopqrstuvwxyz012345', form({ choice: 'yes' }))).status).toBe(404);
  });
});

describe('minutes', () => {
  it('are refused before the close (409), then list each place’s vote and proxy, the counts and the outcome, as JSON and as a printable page', async () => {
    const id = await openProposal(t, { title: 'Fonds d’entraide', rule: 'two_thirds' });
    expect((await t.call('GET', `/v1/proposals/${id}/minutes`)).status).toBe(409);
    // The same refusal opened in a browser is a French page, not problem+json.
    const early = await t.call('GET', `/v1/proposals/${id}/minutes?format=html`);
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('text/html');
    expect(early.text).toContain('dès la clôture du vote');
    const unknown = await t.call('GET', `/v1/proposals/inconnue/minutes?format=html`);
    expect([unknown.status, unknown.headers.get('content-type')?.startsWith('text/html')]).toEqual([404, true]);
    await proxy(t, id, m[3]!.id, m[0]!.id, m[3]!.token);
    await vote(t, id, m[0]!.id, 'yes', m[0]!.token);
    await vote(t, id, m[3]!.id, 'yes', m[0]!.token);
    await vote(t, id, m[1]!.id, 'no', m[1]!.token);
    await t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN });
    const json = await t.call('GET', `/v1/proposals/${id}/minutes?format=json`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ network: 'Réseau des tiers-lieux de Dordogne', proposal: { title: 'Fonds d’entraide', rule: 'two_thirds' }, outcomeLabel: 'Adoptée', result: { yes: 2, no: 1, participants: 3, electorate: 4 } });
    const giver = json.body.electorate.find((e: any) => e.placeId === m[3]!.id);
    expect(giver).toMatchObject({ choice: 'yes', castBy: 'proxy', proxyTo: { placeId: m[0]!.id, placeName: m[0]!.name } });
    expect(json.body.electorate.find((e: any) => e.placeId === m[2]!.id).choiceLabel).toBe('n’a pas voté');
    const page = await t.call('GET', `/v1/proposals/${id}/minutes?format=html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('Procès-verbal');
    for (const p of m) expect(page.text).toContain(p.name);
    expect(page.text).toContain('Adoptée');
    expect(page.text).toContain('secrétaire de séance');
    expect(page.text).not.toMatch(/style="/);
  });
});

describe('the decisions calendar', () => {
  it('has one entry per open or closed proposal at its closing time, none for drafts', async () => {
    const id = await openProposal(t, { title: 'Calendrier commun', closesAt: '2026-12-15T17:00:00Z' });
    await t.call('POST', '/v1/proposals', { token: ADMIN, body: { title: 'Brouillon caché', text: 'x', closesAt: '2026-12-20T17:00:00Z', draft: true } });
    const r = await t.call('GET', '/v1/decisions.ics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/calendar');
    expect(r.text).toContain('\r\n');
    const cal = new ICAL.Component(ICAL.parse(r.text));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const mine = events.find((e) => e.uid.includes(id))!;
    expect(mine.summary).toBe('Clôture du vote : Calendrier commun');
    expect(mine.startDate.toJSDate().toISOString()).toBe('2026-12-15T17:00:00.000Z');
    expect(events.some((e) => e.summary.includes('Brouillon caché'))).toBe(false);
  });
});
