/** Personal data on request: export everything, erase identity everywhere with ledger sums unchanged, retention purge. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ADMIN, createTestContext, type TestContext } from '../support/harness.js';
import { createNetwork, managerToken, postPass, postVisit } from '../mobility/mobility-setup.js';

const NAME = 'Héloïse Quintavalle';
const EMAIL = 'heloise.quintavalle@example.org';
const PHONE = '06 98 76 54 32';

let t: TestContext;
let net: Awaited<ReturnType<typeof createNetwork>>;
let person: string;
let ids: { visit: string; cancelled: string; pass: string; entry: string; contribution: string; freeContribution: string };
/** Free texts elsewhere that name the person in various spellings (and one that must stay). */
let texts: { coordination: string; event: string; proposal: string; manual: string; kit: string; token: string; otherEvent: string };

/** Every item of the test table (a test may Scan; the product never does). */
async function allItems(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await t.deps.table.doc.send(new ScanCommand({ TableName: t.deps.table.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    out.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The name in any case, with or without accents (NFD marks dropped), and the phone in any spelling. */
const traces = (items: Record<string, unknown>[]) => items.filter((i) => /heloise|quintavalle|98[\s.\-]?76[\s.\-]?54[\s.\-]?32/i.test(JSON.stringify(i).normalize('NFD').replace(/\p{M}/gu, '')));

beforeAll(async () => {
  t = await createTestContext({ now: '2025-05-12T09:00:00Z' });
  net = await createNetwork(t);
  const p = await t.call('POST', '/v1/people', { token: ADMIN, body: { homePlaceId: net.home, displayName: NAME, email: EMAIL, phone: PHONE, bio: `${NAME}, ébéniste.`, skills: [{ name: 'ébénisterie' }], publicProfile: true } });
  expect(p.status).toBe(201);
  person = p.body.id;
  const pass = await postPass(t, { personId: person, period: 'month', daysPerPeriod: 4, priceCents: 4000, startsOn: '2025-05-01' });
  const visit = await postVisit(t, { personId: person, hostPlaceId: net.host, date: '2025-05-12', scheme: 'pass' });
  const other = await postVisit(t, { personId: person, hostPlaceId: net.host, date: '2025-05-13', scheme: 'preferential' });
  expect((await t.call('POST', `/v1/visits/${other.body.id}/cancel`, { token: ADMIN })).status).toBe(200);
  const entry = await t.call('POST', '/v1/ledger/entries', { token: ADMIN, body: { date: '2025-05-12', memo: `Remboursement ${NAME}`, postings: [{ from: 'network', to: `person:${person}`, amountCents: 700 }] } });
  const contribution = await t.call('POST', '/v1/contributions', { token: ADMIN, body: { kind: 'time', date: '2025-05-10', placeId: net.home, personId: person, activity: 'Accueil', hours: 3, note: `Merci à ${NAME}` } });
  const free = await t.call('POST', '/v1/contributions', { token: ADMIN, body: { kind: 'time', date: '2025-04-02', placeId: net.host, volunteerName: NAME, activity: 'Chantier', hours: 2 } });
  // The person's record is edited once more, so the audit holds before/after snapshots.
  expect((await t.call('PATCH', `/v1/people/${person}`, { token: ADMIN, body: { phone: PHONE } })).status).toBe(200);
  for (const r of [pass, visit, other, entry, contribution, free]) expect(r.status).toBe(201);
  ids = { visit: visit.body.id, cancelled: other.body.id, pass: pass.body.id, entry: entry.body.id, contribution: contribution.body.id, freeContribution: free.body.id };

  // Free texts elsewhere, typed by managers: other case, no accents, decomposed, other phone spellings.
  expect((await t.call('PATCH', `/v1/places/${net.home}`, { token: ADMIN, body: { membership: 'member' } })).status).toBe(200);
  const made = await Promise.all([
    t.call('POST', '/v1/coordination/visits', { token: ADMIN, body: { placeId: net.host, date: '2025-05-12', notes: 'Rencontré HÉLOÏSE QUINTAVALLE (tél. 06.98.76.54.32) et Jean Autre.', todos: ['Rappeler heloise quintavalle'] } }),
    t.call('POST', '/v1/events', { token: ADMIN, body: { placeId: net.home, title: `Atelier avec ${NAME}`, description: `Inscriptions : ${EMAIL.toUpperCase()}`, startsAt: '2025-06-12T18:30', endsAt: '2025-06-12T21:00', tags: ['bois'] } }),
    t.call('POST', '/v1/proposals', { token: ADMIN, body: { title: 'Entrée au bureau', text: `Candidature de ${NAME.normalize('NFD')} au bureau du réseau.`, closesAt: '2025-05-20T18:00:00.000Z' } }),
    t.call('POST', '/v1/ledger/entries', { token: ADMIN, body: { date: '2025-05-11', memo: `Avance de frais pour Heloise Quintavalle`, postings: [{ from: 'network', to: `place:${net.host}`, amountCents: 1500 }] } }),
    t.call('POST', '/v1/kit', { token: ADMIN, body: { title: 'Photos de l’atelier', kind: 'photo', description: `Crédit : ${NAME}, +33 6 98 76 54 32`, licence: 'CC BY 4.0', language: 'fr', tags: [] } }),
    t.call('POST', '/v1/tokens', { token: ADMIN, body: { role: 'manager', placeId: net.home, label: `Clé de ${NAME}` } }),
    t.call('POST', '/v1/events', { token: ADMIN, body: { placeId: net.home, title: 'Fête du bois', description: 'Avec Jean Autre.', startsAt: '2025-06-20T18:30', endsAt: '2025-06-20T21:00' } }),
  ]);
  for (const r of made) expect(r.status, JSON.stringify(r.body)).toBe(201);
  const [coordination, event, proposal, manual, kit, token, otherEvent] = made.map((r) => String(r.body.id ?? r.body.visit?.id));
  texts = { coordination: coordination!, event: event!, proposal: proposal!, manual: manual!, kit: kit!, token: token!, otherEvent: otherEvent! };
  expect((await t.call('PUT', `/v1/proposals/${proposal}/votes/${net.home}`, { token: ADMIN, body: { choice: 'yes', comment: 'Joignable au 0698765432' } })).status).toBe(200);
});

describe('GET /v1/people/{id}/export', () => {
  it('the home manager gets the record, visits, passes, postings, contributions and audit lines', async () => {
    const r = await t.call('GET', `/v1/people/${person}/export`, { token: await managerToken(t, net.home) });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    const x = r.body;
    expect(x.person).toMatchObject({ id: person, displayName: NAME, email: EMAIL, phone: PHONE });
    expect(x.visits.map((v: any) => [v.id, v.status]).sort()).toEqual([[ids.visit, 'active'], [ids.cancelled, 'cancelled']].sort());
    expect(x.passes).toMatchObject([{ id: ids.pass, usage: [{ period: '2025-05', usedDays: 1 }] }]);
    const kinds = x.postings.map((e: any) => e.kind).sort();
    expect(kinds).toEqual(['manual', 'pass', 'visit', 'visit', 'visit-cancellation']);
    expect(x.postings.find((e: any) => e.id === ids.entry).postings).toEqual([{ from: 'network', to: `person:${person}`, amountCents: 700 }]);
    expect(x.contributions.map((c: any) => c.id).sort()).toEqual([ids.contribution, ids.freeContribution].sort());
    const lines = x.audit.map((a: any) => `${a.entityId}:${a.action}`);
    for (const expected of [`${person}:create`, `${person}:update`, `${ids.visit}:record`, `${ids.cancelled}:cancel`, `${ids.pass}:create`, `${ids.entry}:create`, `${ids.contribution}:create`]) expect(lines).toContain(expected);
  });

  it('another place’s manager gets 403 (the person is public), anonymous 401, an unknown id 404', async () => {
    expect((await t.call('GET', `/v1/people/${person}/export`, { token: await managerToken(t, net.host) })).status).toBe(403);
    expect((await t.call('GET', `/v1/people/${person}/export`)).status).toBe(401);
    expect((await t.call('GET', '/v1/people/01ARZ3NDEKTSV4RRFFQ69G5FAV/export', { token: ADMIN })).status).toBe(404);
  });
});

describe('POST /v1/people/{id}/erase', () => {
  it('only the admin erases (a home manager gets 403)', async () => {
    expect((await t.call('POST', `/v1/people/${person}/erase`, { token: await managerToken(t, net.home) })).status).toBe(403);
    expect((await t.call('POST', `/v1/people/${person}/erase`)).status).toBe(401);
  });

  let before: { balances: any; hostEntries: any[] };
  let report: any;
  it('before the erasure, the table names the person in many items', async () => {
    const balances = await t.call('GET', '/v1/ledger/balances?from=2025-04&to=2025-05', { token: ADMIN });
    const hostEntries = await t.call('GET', `/v1/ledger/entries?account=place:${net.host}`, { token: ADMIN });
    before = { balances: balances.body, hostEntries: hostEntries.body.items };
    expect(traces(await allItems()).length).toBeGreaterThan(10);
  });

  it('the admin erases: the answer names the pseudonym and what was rewritten', async () => {
    expect(before).toBeDefined();
    const r = await t.call('POST', `/v1/people/${person}/erase`, { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ personId: person, pseudonym: `Anonyme ${person.slice(-6)}`, alreadyErased: false });
    expect(r.body.itemsRewritten).toBeGreaterThan(5);
    report = r.body;
    // Each free text that named the person, by entity, with its fields (never the text itself).
    const rewritten = Object.fromEntries(r.body.freeTexts.map((f: any) => [`${f.entityType}:${f.entityId}`, f.fields]));
    expect(rewritten).toMatchObject({
      [`coordination-visit:${texts.coordination}`]: ['notes', 'todos'],
      [`event:${texts.event}`]: ['description', 'title'],
      [`proposal:${texts.proposal}`]: ['comment', 'text'],
      [`ledger-entry:${texts.manual}`]: ['memo'],
      [`kit-asset:${texts.kit}`]: ['description'],
      [`token:${texts.token}`]: ['label'],
    });
    expect(rewritten[`event:${texts.otherEvent}`]).toBeUndefined();
  });

  it('leaves no trace of the name, e-mail or phone in any item of the table', async () => {
    expect(report).toBeDefined();
    expect(traces(await allItems())).toEqual([]);
  });

  it('every ledger balance and every posting is identical; memos name the pseudonym', async () => {
    const after = await t.call('GET', '/v1/ledger/balances?from=2025-04&to=2025-05', { token: ADMIN });
    expect(after.body).toEqual(before.balances);
    const entriesAfter = await t.call('GET', `/v1/ledger/entries?account=place:${net.host}`, { token: ADMIN });
    expect(entriesAfter.body.items.map((e: any) => [e.id, e.postings])).toEqual(before.hostEntries.map((e: any) => [e.id, e.postings]));
    expect(entriesAfter.body.items.find((e: any) => e.kind === 'visit').memo).toMatch(/^Visite d’Anonyme /);
  });

  it('the record is pseudonymous, the erasure is audited, contributions keep their hours', async () => {
    const rec = await t.call('GET', `/v1/people/${person}`, { token: ADMIN });
    expect(rec.body).toMatchObject({ displayName: report.pseudonym, publicProfile: false, skills: [], erasedAt: '2025-05-12T09:00:00.000Z' });
    expect(rec.body.email).toBeUndefined();
    const audit = await t.call('GET', `/v1/audit?entityId=${person}`, { token: ADMIN });
    expect(audit.body.items[0]).toMatchObject({ action: 'erase', actor: 'admin', before: { version: 2 }, after: { displayName: report.pseudonym } });
    // The free volunteer name became the pseudonym.
    const free = await t.call('GET', `/v1/contributions/${ids.freeContribution}`, { token: ADMIN });
    expect(free.body).toMatchObject({ volunteerName: report.pseudonym, hours: 2 });
  });

  it('free texts elsewhere name the pseudonym, keep the rest, and each rewrite is audited', async () => {
    const P = report.pseudonym;
    const event = await t.call('GET', `/v1/events/${texts.event}`, { token: ADMIN });
    expect(event.body).toMatchObject({ title: `Atelier avec ${P}`, description: 'Inscriptions : [effacé]', version: 2 });
    expect((await t.call('GET', `/v1/events/${texts.otherEvent}`, { token: ADMIN })).body).toMatchObject({ description: 'Avec Jean Autre.', version: 1 });
    const visits = await t.call('GET', `/v1/coordination/visits?placeId=${net.host}`, { token: ADMIN });
    expect(visits.body.items[0]).toMatchObject({ notes: `Rencontré ${P} (tél. [effacé]) et Jean Autre.`, todos: [`Rappeler ${P}`] });
    const proposal = await t.call('GET', `/v1/proposals/${texts.proposal}`, { token: ADMIN });
    expect(proposal.body.text).toBe(`Candidature d’${P} au bureau du réseau.`);
    const kit = await t.call('GET', `/v1/kit/${texts.kit}`, { token: ADMIN });
    expect(kit.body.description).toBe(`Crédit : ${P}, [effacé]`);
    const hostEntries = await t.call('GET', `/v1/ledger/entries?account=place:${net.host}`, { token: ADMIN });
    expect(hostEntries.body.items.find((e: any) => e.id === texts.manual)).toMatchObject({ memo: `Avance de frais pour ${P}`, postings: [{ from: 'network', to: `place:${net.host}`, amountCents: 1500 }] });
    for (const id of Object.values(texts).filter((x) => x !== texts.otherEvent)) {
      const audit = await t.call('GET', `/v1/audit?entityId=${id}`, { token: ADMIN });
      expect(audit.body.items.map((a: any) => a.action), id).toContain('erase-mention');
      expect(JSON.stringify(audit.body.items)).not.toMatch(/quintavalle/i);
    }
  });

  it('a second erasure changes nothing; the erased person receives no visit', async () => {
    const again = await t.call('POST', `/v1/people/${person}/erase`, { token: ADMIN });
    expect(again.body).toMatchObject({ alreadyErased: true, itemsRewritten: 0 });
    const v = await postVisit(t, { personId: person, hostPlaceId: net.host, date: '2025-05-20', scheme: 'retrocession' });
    expect(v.status).toBe(422);
    expect(v.body.detail).toMatch(/effacées/);
  });
});
