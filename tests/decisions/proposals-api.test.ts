import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createMembers, createPlace, createProposal, IN_A_WEEK, NOW, OBJECTION_TEXT, openProposal, proxy, vote } from './decision-setup.js';

let t: TestContext;
let m: Awaited<ReturnType<typeof createMembers>>['members'];
let candidate: { id: string; token: string };

beforeAll(async () => {
  t = await createTestContext({ now: NOW });
  ({ members: m, candidate } = await createMembers(t, 6));
});

describe('governance settings', () => {
  it('defaults until saved, admin only, validated, audited', async () => {
    expect((await t.call('GET', '/v1/settings/governance')).status).toBe(401);
    expect((await t.call('GET', '/v1/settings/governance', { token: m[0]!.token })).status).toBe(403);
    const initial = await t.call('GET', '/v1/settings/governance', { token: ADMIN });
    expect(initial.body).toEqual({ quorumShare: 0.5, defaultRule: 'simple', maxProxiesPerPlace: 1, secondCallQuorumShare: 0 });
    const bad = await t.call('PUT', '/v1/settings/governance', { token: ADMIN, body: { quorumShare: 1.5, defaultRule: 'unanimity' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['defaultRule', 'quorumShare']);
    const saved = await t.call('PUT', '/v1/settings/governance', { token: ADMIN, body: { quorumShare: 0.5, defaultRule: 'simple', maxProxiesPerPlace: 1, secondCallQuorumShare: 0 } });
    expect(saved.status).toBe(200);
    expect(saved.body.updatedBy).toBe('admin');
    const audit = await t.call('GET', '/v1/audit?entityId=governance', { token: ADMIN });
    expect(audit.body.items[0]).toMatchObject({ action: 'update', actor: 'admin' });
  });
});

describe('proposals', () => {
  it('an admin proposal opens at once with the member places as electorate, rule and quorum from the settings', async () => {
    const r = await createProposal(t);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'open', rule: 'simple', quorumShare: 0.5, round: 1, votedCount: 0 });
    expect(r.body.electorate.map((e: any) => e.placeId).sort()).toEqual(m.map((p) => p.id).sort());
    expect(r.body.electorate.some((e: any) => e.placeId === candidate.id)).toBe(false);
    expect(r.body.votes).toBeUndefined();
  });

  it('a manager submits a draft, seen only by the admin and its author, opened by the admin', async () => {
    expect((await createProposal(t, { draft: false }, m[0]!.token)).status).toBe(403);
    const draft = await createProposal(t, { title: 'Brouillon du lieu 1' }, m[0]!.token);
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    const id = draft.body.id;
    expect((await t.call('GET', `/v1/proposals/${id}`)).status).toBe(404);
    expect((await t.call('GET', `/v1/proposals/${id}`, { token: m[1]!.token })).status).toBe(404);
    expect((await t.call('GET', `/v1/proposals/${id}`, { token: m[0]!.token })).status).toBe(200);
    const publicList = await t.call('GET', '/v1/proposals?status=draft');
    expect(publicList.body.items.some((p: any) => p.id === id)).toBe(false);
    const adminList = await t.call('GET', '/v1/proposals?status=draft', { token: ADMIN });
    expect(adminList.body.items.map((p: any) => p.id)).toContain(id);
    expect((await t.call('PUT', `/v1/proposals/${id}/votes/${m[0]!.id}`, { token: m[0]!.token, body: { choice: 'yes' } })).status).toBe(409);
    expect((await t.call('POST', `/v1/proposals/${id}/open`, { token: m[0]!.token })).status).toBe(403);
    const opened = await t.call('POST', `/v1/proposals/${id}/open`, { token: ADMIN });
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe('open');
    expect((await t.call('POST', `/v1/proposals/${id}/open`, { token: ADMIN })).status).toBe(409);
  });

  it('refuses invalid input with French field errors, and closing dates in the past', async () => {
    const r = await createProposal(t, { title: '', rule: 'unanimity', closesAt: 'demain' });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: any) => e.path).sort()).toEqual(['closesAt', 'rule', 'title']);
    expect((await createProposal(t, { closesAt: '2020-01-01T00:00:00Z' })).status).toBe(422);
    expect((await createProposal(t, {}, candidate.token)).status).toBe(201); // any manager may submit a draft
    expect((await t.call('POST', '/v1/proposals', { body: { title: 'x', text: 'y', closesAt: IN_A_WEEK } })).status).toBe(401);
    expect((await t.call('GET', '/v1/proposals/NOPE')).status).toBe(404);
    expect((await t.call('GET', '/v1/proposals?status=finished')).status).toBe(400);
  });

  it('a place that becomes a member after the opening does not vote on it', async () => {
    const id = await openProposal(t);
    const late = await createPlace(t, 'Lieu arrivé après');
    const r = await vote(t, id, late, 'yes', ADMIN);
    expect(r.status).toBe(422);
    expect((await t.call('GET', `/v1/proposals/${id}`)).body.electorate).toHaveLength(6);
    await t.call('PATCH', `/v1/places/${late}`, { token: ADMIN, body: { membership: 'former' } });
  });

  it('an admin proposal with a future opensAt opens at that time (on the first read after it)', async () => {
    const r = await createProposal(t, { opensAt: '2026-12-02T08:00:00Z' });
    expect(r.body.status).toBe('draft');
    t.setNow('2026-12-02T08:00:01Z');
    const read = await t.call('GET', `/v1/proposals/${r.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('open');
    expect(read.body.electorate).toHaveLength(6);
    t.setNow(NOW);
  });
});

describe('votes', () => {
  it('a manager votes for its place and may change the vote until the close; after it, 409', async () => {
    const id = await openProposal(t);
    expect((await vote(t, id, m[0]!.id, 'no', m[0]!.token)).status).toBe(200);
    const changed = await vote(t, id, m[0]!.id, 'yes', m[0]!.token);
    expect(changed.body).toMatchObject({ placeId: m[0]!.id, choice: 'yes', by: 'self', channel: 'token' });
    expect((await t.call('GET', `/v1/proposals/${id}`)).body).toMatchObject({ votedCount: 1 });
    expect((await t.call('GET', `/v1/proposals/${id}`)).body.votes).toBeUndefined();
    const closed = await t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN });
    expect(closed.status).toBe(200);
    expect((await vote(t, id, m[0]!.id, 'no', m[0]!.token)).status).toBe(409);
    expect((await t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN })).status).toBe(409);
  });

  it('refusals: objection without 20 characters (400), another place without proxy (403), outside the electorate (422), no token (401), integration (403)', async () => {
    const id = await openProposal(t);
    const short = await vote(t, id, m[0]!.id, 'objection', m[0]!.token, 'Trop cher.');
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toMatchObject({ path: 'comment' });
    expect(short.body.errors[0].message).toMatch(/20 caractères/);
    expect((await vote(t, id, m[0]!.id, 'maybe', m[0]!.token)).status).toBe(400);
    expect((await vote(t, id, m[1]!.id, 'yes', m[0]!.token)).status).toBe(403);
    expect((await vote(t, id, candidate.id, 'yes', candidate.token)).status).toBe(422);
    expect((await t.call('PUT', `/v1/proposals/${id}/votes/${m[0]!.id}`, { body: { choice: 'yes' } })).status).toBe(401);
    const integration = (await t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'integration' } })).body.token;
    expect((await vote(t, id, m[0]!.id, 'yes', integration)).status).toBe(403);
    expect((await vote(t, 'NOPE', m[0]!.id, 'yes', ADMIN)).status).toBe(404);
    const argued = await vote(t, id, m[0]!.id, 'objection', m[0]!.token, OBJECTION_TEXT);
    expect(argued.status).toBe(200);
  });

  it('the admin records a paper ballot for a place; the audit says so, with who, when and the channel', async () => {
    const id = await openProposal(t);
    const r = await vote(t, id, m[2]!.id, 'abstain', ADMIN);
    expect(r.body).toMatchObject({ by: 'admin', channel: 'admin', actor: 'admin' });
    const audit = await t.call('GET', `/v1/audit?entityId=${id}`, { token: ADMIN });
    const entry = audit.body.items.find((a: any) => a.action === 'vote');
    expect(entry).toMatchObject({ actor: 'admin', at: NOW, note: expect.stringMatching(/bulletin papier/) });
    expect(entry.after).toMatchObject({ placeId: m[2]!.id, choice: 'abstain', channel: 'admin' });
    expect(audit.body.items.map((a: any) => a.action).sort()).toEqual(['create', 'open', 'vote']);
  });
});

describe('proxies', () => {
  it('a proxy holder votes for the giving place; the place’s own vote wins over it', async () => {
    const id = await openProposal(t);
    const [a, b] = [m[0]!, m[1]!];
    expect((await proxy(t, id, a.id, b.id, b.token)).status).toBe(403); // only the giver's manager or the admin
    expect((await proxy(t, id, a.id, b.id, a.token)).status).toBe(200);
    const byProxy = await vote(t, id, a.id, 'no', b.token);
    expect(byProxy.status).toBe(200);
    expect(byProxy.body).toMatchObject({ by: 'proxy', proxyPlaceId: b.id });
    expect((await vote(t, id, a.id, 'yes', a.token)).body.by).toBe('self');
    const overwrite = await vote(t, id, a.id, 'no', b.token);
    expect(overwrite.status).toBe(409);
    expect(overwrite.body.detail).toMatch(/l’emporte/);
    expect((await vote(t, id, b.id, 'yes', b.token)).status).toBe(200);
    const closed = await t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN });
    expect(closed.body.result).toMatchObject({ participants: 2, yes: 2, no: 0 });
    expect(closed.body.proxies).toEqual([expect.objectContaining({ placeId: a.id, to: b.id })]);
    expect(closed.body.votes.find((v: any) => v.placeId === a.id)).toMatchObject({ choice: 'yes', by: 'self' });
  });

  it('refusals: to oneself, chains, a holder giving its own away, outside the electorate (422); over the cap (409)', async () => {
    const id = await openProposal(t);
    const [a, b, c, d] = [m[0]!, m[1]!, m[2]!, m[3]!];
    expect((await proxy(t, id, a.id, a.id, a.token)).status).toBe(422);
    expect((await proxy(t, id, a.id, candidate.id, a.token)).status).toBe(422);
    expect((await proxy(t, id, a.id, b.id, a.token)).status).toBe(200);
    const chain = await proxy(t, id, c.id, a.id, c.token); // a gave its vote away
    expect(chain.status).toBe(422);
    expect(chain.body.detail).toMatch(/chaîne/);
    const holderGives = await proxy(t, id, b.id, d.id, b.token); // b holds a's proxy
    expect(holderGives.status).toBe(422);
    const cap = await proxy(t, id, c.id, b.id, c.token); // b already holds one (max 1)
    expect(cap.status).toBe(409);
    // A place may move its proxy: the first holder's slot frees up.
    expect((await proxy(t, id, a.id, d.id, a.token)).status).toBe(200);
    expect((await proxy(t, id, c.id, b.id, c.token)).status).toBe(200);
    expect((await vote(t, id, a.id, 'yes', b.token)).status).toBe(403); // b no longer holds a's proxy
    expect((await vote(t, id, a.id, 'yes', d.token)).status).toBe(200);
  });

  it('with maxProxiesPerPlace = 2 a place holds two proxies, not three', async () => {
    await t.call('PUT', '/v1/settings/governance', { token: ADMIN, body: { maxProxiesPerPlace: 2 } });
    const id = await openProposal(t);
    expect((await proxy(t, id, m[1]!.id, m[0]!.id, ADMIN)).status).toBe(200);
    expect((await proxy(t, id, m[2]!.id, m[0]!.id, ADMIN)).status).toBe(200);
    expect((await proxy(t, id, m[3]!.id, m[0]!.id, ADMIN)).status).toBe(409);
    await t.call('PUT', '/v1/settings/governance', { token: ADMIN, body: { maxProxiesPerPlace: 1 } });
  });

  it('every proxy is audited', async () => {
    const id = await openProposal(t);
    await proxy(t, id, m[4]!.id, m[5]!.id, m[4]!.token);
    const audit = await t.call('GET', `/v1/audit?entityId=${id}`, { token: ADMIN });
    expect(audit.body.items.find((a: any) => a.action === 'proxy')).toMatchObject({ actor: expect.stringMatching(/^manager:/), after: { placeId: m[4]!.id, to: m[5]!.id }, note: expect.stringMatching(/jeton/) });
  });
});

describe('closing', () => {
  it('the result is stored once: the votes, the counts, and the close time; a read after closesAt closes it', async () => {
    const id = await openProposal(t, { closesAt: '2026-12-03T18:00:00Z', rule: 'consent' });
    await vote(t, id, m[0]!.id, 'yes', m[0]!.token);
    await vote(t, id, m[1]!.id, 'objection', m[1]!.token, OBJECTION_TEXT);
    await vote(t, id, m[2]!.id, 'abstain', m[2]!.token);
    // The objection is withdrawn: consent passes.
    await vote(t, id, m[1]!.id, 'yes', m[1]!.token);
    t.setNow('2026-12-03T18:00:01Z');
    const read = await t.call('GET', `/v1/proposals/${id}`);
    expect(read.body.status).toBe('closed');
    expect(read.body.result).toEqual({ outcome: 'adopted', electorate: 6, participants: 3, quorumRequired: 3, yes: 2, no: 0, abstain: 1, objection: 0, closedAt: '2026-12-03T18:00:01.000Z' });
    expect(read.body.votes).toHaveLength(3);
    t.setNow('2026-12-05T10:00:00Z');
    const later = await t.call('GET', `/v1/proposals/${id}`);
    expect(later.body.result.closedAt).toBe('2026-12-03T18:00:01.000Z');
    const audit = await t.call('GET', `/v1/audit?entityId=${id}`, { token: ADMIN });
    expect(audit.body.items.filter((a: any) => a.action === 'close')).toEqual([expect.objectContaining({ actor: 'decisions:schedule', note: expect.stringMatching(/lecture/) })]);
    t.setNow(NOW);
  });

  it('an open proposal with its objection standing is rejected under consent', async () => {
    const id = await openProposal(t, { rule: 'consent' });
    for (const p of m.slice(0, 3)) await vote(t, id, p.id, 'yes', p.token);
    await vote(t, id, m[3]!.id, 'objection', m[3]!.token, OBJECTION_TEXT);
    const r = await t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN });
    expect(r.body.result).toMatchObject({ outcome: 'rejected', yes: 3, objection: 1 });
  });

  it('only the admin closes; a draft cannot be closed', async () => {
    const id = await openProposal(t);
    expect((await t.call('POST', `/v1/proposals/${id}/close`, { token: m[0]!.token })).status).toBe(403);
    const draft = await createProposal(t, { draft: true });
    expect((await t.call('POST', `/v1/proposals/${draft.body.id}/close`, { token: ADMIN })).status).toBe(409);
  });
});

describe('second call', () => {
  it('a proposal without quorum gets a new round: same electorate, no votes, the second-call quorum', async () => {
    await t.call('PUT', '/v1/settings/governance', { token: ADMIN, body: { secondCallQuorumShare: 0 } });
    const id = await openProposal(t, { rule: 'absolute' });
    await vote(t, id, m[0]!.id, 'yes', m[0]!.token);
    await proxy(t, id, m[1]!.id, m[0]!.id, m[1]!.token);
    const first = await t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN });
    expect(first.body.result).toMatchObject({ outcome: 'no_quorum', participants: 1, quorumRequired: 3 });
    expect((await t.call('POST', `/v1/proposals/${id}/second-call`, { token: ADMIN, body: { closesAt: '2020-01-01T00:00:00Z' } })).status).toBe(422);
    expect((await t.call('POST', `/v1/proposals/${id}/second-call`, { token: m[0]!.token, body: { closesAt: '2026-12-20T18:00:00Z' } })).status).toBe(403);
    const second = await t.call('POST', `/v1/proposals/${id}/second-call`, { token: ADMIN, body: { closesAt: '2026-12-20T18:00:00Z' } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'open', round: 2, quorumShare: 0, votedCount: 0, closesAt: '2026-12-20T18:00:00.000Z' });
    expect(second.body.result).toBeUndefined();
    expect(second.body.previousRounds).toEqual([expect.objectContaining({ round: 1, result: expect.objectContaining({ outcome: 'no_quorum' }) })]);
    expect(second.body.electorate).toEqual(first.body.electorate);
    // The first round's proxy does not carry over: m[0] votes only for itself.
    expect((await vote(t, id, m[1]!.id, 'yes', m[0]!.token)).status).toBe(403);
    await vote(t, id, m[0]!.id, 'yes', m[0]!.token);
    await vote(t, id, m[2]!.id, 'yes', m[2]!.token);
    const done = await t.call('POST', `/v1/proposals/${id}/close`, { token: ADMIN });
    expect(done.body.result).toMatchObject({ outcome: 'adopted', participants: 2, quorumRequired: 0, yes: 2 });
    expect((await t.call('POST', `/v1/proposals/${id}/second-call`, { token: ADMIN, body: { closesAt: '2026-12-30T18:00:00Z' } })).status).toBe(409);
    const audit = await t.call('GET', `/v1/audit?entityId=${id}`, { token: ADMIN });
    expect(audit.body.items.filter((a: any) => a.action === 'close')).toHaveLength(2);
    expect(audit.body.items.some((a: any) => a.action === 'second-call')).toBe(true);
  });

  it('an open or adopted proposal gets no second call', async () => {
    const id = await openProposal(t);
    expect((await t.call('POST', `/v1/proposals/${id}/second-call`, { token: ADMIN, body: { closesAt: '2026-12-20T18:00:00Z' } })).status).toBe(409);
  });
});

describe('the archive', () => {
  it('lists closed proposals, newest first, accent-insensitive q, year', async () => {
    const a = await openProposal(t, { title: 'Création d’un fonds d’entraide', text: 'Un fonds pour les lieux en difficulté.' });
    await vote(t, a, m[0]!.id, 'yes', m[0]!.token);
    t.setNow('2026-12-02T10:00:00Z');
    await t.call('POST', `/v1/proposals/${a}/close`, { token: ADMIN });
    const b = await openProposal(t, { title: 'Charte graphique', text: 'Nouvelle charte du réseau.', closesAt: '2027-02-01T10:00:00Z' });
    t.setNow('2027-01-05T10:00:00Z');
    await t.call('POST', `/v1/proposals/${b}/close`, { token: ADMIN });
    const all = await t.call('GET', '/v1/decisions');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((p: any) => p.id);
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
    expect(all.body.items.every((p: any) => p.status === 'closed')).toBe(true);
    expect((await t.call('GET', '/v1/decisions?q=creation%20entraide')).body.items.map((p: any) => p.id)).toEqual([a]);
    expect((await t.call('GET', '/v1/decisions?q=CHARTE')).body.items.map((p: any) => p.id)).toEqual([b]);
    const y2027 = (await t.call('GET', '/v1/decisions?year=2027')).body.items.map((p: any) => p.id);
    expect(y2027).toContain(b);
    expect(y2027).not.toContain(a);
    expect((await t.call('GET', '/v1/decisions?year=2026')).body.items.map((p: any) => p.id)).toContain(a);
    expect((await t.call('GET', '/v1/decisions?year=27')).status).toBe(400);
    t.setNow(NOW);
  }, 120_000);
});
