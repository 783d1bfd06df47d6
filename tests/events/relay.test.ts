import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { startFakeGraph, type FakeGraph } from '../fakes/facebook-graph.js';
import { relayDueEvents } from '../../functions/relay/relay-due.js';
import { relayEvent } from '../../functions/relay/relay-event.js';
import { createEventViaApi, createPlace } from './event-fixtures.js';
import { feedCalls, graphClientFor, PUBLIC_BASE, relayDepsFor } from './relay-support.js';

let t: TestContext;
let fake: FakeGraph;
let placeId: string;
const T0 = '2026-06-01T08:00:00.000Z';

beforeAll(async () => {
  t = await createTestContext({ now: T0 });
  fake = await startFakeGraph();
  placeId = await createPlace(t, { name: 'La Fabrique', address: { postcode: '24000', commune: 'Périgueux' } });
});
afterAll(async () => fake.close());
beforeEach(() => t.setNow(T0));

const later = (minutes: number) => new Date(new Date(T0).getTime() + minutes * 60_000).toISOString();
const relayed = (id: string) => t.call('GET', `/v1/events/${id}`, { token: ADMIN }).then((r) => r.body.relay.facebook);
const callsFor = (postId: string) => fake.calls.filter((c) => c.path.endsWith(`/${postId}`));

describe('Facebook relay', () => {
  it('publishing an event with relay.facebook posts it once, in French, with date, place and link', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true } });
    expect(e.relay.facebook).toMatchObject({ enabled: true, status: 'pending' });
    const before = feedCalls(fake).length;
    await relayDueEvents(relayDepsFor(t, fake));
    const r = await relayed(e.id);
    expect(r).toMatchObject({ enabled: true, status: 'posted', postId: expect.stringMatching(new RegExp(`^${fake.pageId}_\\d+$`)) });
    const post = fake.posts.get(r.postId)!;
    expect(post.message).toContain('Atelier réparation de vélos');
    expect(post.message).toContain('Le vendredi 12 juin 2026 de 18 h 30 à 21 h');
    expect(post.message).toContain('La Fabrique (Périgueux)');
    expect(post.message).toContain('Entrée libre');
    expect(post.message).toContain(`${PUBLIC_BASE}/events/${e.id}`);
    expect(post.link).toBe(`${PUBLIC_BASE}/events/${e.id}`);
    expect(feedCalls(fake).length).toBe(before + 1);
    // Nothing left to do: running the relay again calls nothing.
    await relayDueEvents(relayDepsFor(t, fake));
    expect(feedCalls(fake).length).toBe(before + 1);
  });

  it('an event with an image is published as a photo post', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, imageUrl: 'https://images.example.org/velo.jpg' });
    await relayDueEvents(relayDepsFor(t, fake));
    const r = await relayed(e.id);
    const call = fake.calls.find((c) => c.op === 'photos' && c.params.url === 'https://images.example.org/velo.jpg');
    expect(call).toBeDefined();
    expect(fake.posts.get(r.postId)).toMatchObject({ photoUrl: 'https://images.example.org/velo.jpg' });
  });

  it('an update edits the same post; a change that does not alter the text calls nothing', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true } });
    await relayDueEvents(relayDepsFor(t, fake));
    const { postId } = await relayed(e.id);
    await t.call('PATCH', `/v1/events/${e.id}`, { token: ADMIN, body: { title: 'Grand atelier vélo', startsAt: '2026-06-13T10:00', endsAt: '2026-06-13T12:00' } });
    expect((await relayed(e.id)).status).toBe('pending');
    await relayDueEvents(relayDepsFor(t, fake));
    expect(await relayed(e.id)).toMatchObject({ status: 'posted', postId });
    expect(fake.posts.get(postId)!.message).toContain('Grand atelier vélo');
    expect(fake.posts.get(postId)!.message).toContain('Le samedi 13 juin 2026 de 10 h à 12 h');
    const editsBefore = callsFor(postId).length;
    await t.call('PATCH', `/v1/events/${e.id}`, { token: ADMIN, body: { url: 'https://fabrique.example.org/velo' } });
    await relayDueEvents(relayDepsFor(t, fake));
    expect(callsFor(postId).length).toBe(editsBefore);
    expect((await relayed(e.id)).status).toBe('posted');
  });

  it('cancelling edits the post to say so; turning the relay off deletes it', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Concert annulable' });
    await relayDueEvents(relayDepsFor(t, fake));
    const { postId } = await relayed(e.id);
    await t.call('DELETE', `/v1/events/${e.id}`, { token: ADMIN });
    await relayDueEvents(relayDepsFor(t, fake));
    expect(fake.posts.get(postId)).toMatchObject({ deleted: false, message: expect.stringMatching(/^❌ ANNULÉ/) });
    expect(await relayed(e.id)).toMatchObject({ status: 'posted', postId });
    await t.call('PATCH', `/v1/events/${e.id}`, { token: ADMIN, body: { relay: { facebook: false } } });
    await relayDueEvents(relayDepsFor(t, fake));
    expect(fake.posts.get(postId)!.deleted).toBe(true);
    const r = await relayed(e.id);
    expect(r).toEqual({ enabled: false });
  });

  it('a cancelled event that was never posted is not published', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Vite annulé' });
    await t.call('DELETE', `/v1/events/${e.id}`, { token: ADMIN });
    const before = feedCalls(fake).length;
    await relayDueEvents(relayDepsFor(t, fake));
    expect(feedCalls(fake).length).toBe(before);
    expect(await relayed(e.id)).toEqual({ enabled: true });
  });

  it('error 190 is not retried and is shown to the admin; a retry after a new token publishes', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Jeton expiré' });
    const stale = relayDepsFor(t, fake, graphClientFor(fake, 'expired-token-0000'));
    const before = fake.calls.length;
    await relayDueEvents(stale);
    expect(fake.calls.length).toBe(before + 1);
    const r = await relayed(e.id);
    expect(r).toMatchObject({ status: 'error', lastError: { code: 190, subcode: 460, message: expect.stringContaining('FACEBOOK_PAGE_TOKEN') } });
    expect(r.postId).toBeUndefined();
    t.setNow(later(24 * 60));
    await relayDueEvents(stale);
    expect(fake.calls.length).toBe(before + 1);
    const pub = await t.call('GET', `/v1/events/${e.id}`);
    expect(pub.body.relay.facebook).toEqual({ enabled: true, status: 'error' });
    expect((await t.call('POST', `/v1/events/${e.id}/relay`)).status).toBe(401);
    const retry = await t.call('POST', `/v1/events/${e.id}/relay`, { token: ADMIN });
    expect(retry.body.relay.facebook.status).toBe('pending');
    await relayDueEvents(relayDepsFor(t, fake));
    expect(await relayed(e.id)).toMatchObject({ status: 'posted', postId: expect.any(String) });
  });

  it('throttling is retried later with backoff, then published once', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Limite de débit' });
    fake.inject({ kind: 'throttle', code: 32, op: 'feed', times: 3 });
    const before = feedCalls(fake).length;
    await relayDueEvents(relayDepsFor(t, fake));
    expect(feedCalls(fake).length).toBe(before + 3);
    const r = await relayed(e.id);
    expect(r).toMatchObject({ status: 'pending', lastError: { code: 32 }, nextAttemptAt: expect.any(String) });
    expect(new Date(r.nextAttemptAt).getTime()).toBeGreaterThan(new Date(T0).getTime());
    await relayDueEvents(relayDepsFor(t, fake));
    expect(feedCalls(fake).length).toBe(before + 3);
    t.setNow(later(10));
    await relayDueEvents(relayDepsFor(t, fake));
    const done = await relayed(e.id);
    expect(done.status).toBe('posted');
    expect(done.lastError).toBeUndefined();
    expect(fake.livePosts().filter((p) => p.message?.includes('Limite de débit'))).toHaveLength(1);
  });

  it('a throttled edit after a successful post is retried as an edit, never as a second post', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Une seule publication' });
    await relayDueEvents(relayDepsFor(t, fake));
    const { postId } = await relayed(e.id);
    await t.call('PATCH', `/v1/events/${e.id}`, { token: ADMIN, body: { title: 'Une seule publication, modifiée' } });
    fake.inject({ kind: 'throttle', code: 613, op: 'edit', times: 3 });
    await relayDueEvents(relayDepsFor(t, fake));
    expect((await relayed(e.id)).status).toBe('pending');
    t.setNow(later(10));
    await relayDueEvents(relayDepsFor(t, fake));
    expect(await relayed(e.id)).toMatchObject({ status: 'posted', postId });
    const mine = [...fake.posts.values()].filter((p) => p.message?.includes('Une seule publication'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.message).toContain('modifiée');
  });

  it('a lost answer to a create is never re-posted: the relay stops with an explanation', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Réponse perdue' });
    fake.inject({ kind: 'lost-response', op: 'feed' });
    await relayDueEvents(relayDepsFor(t, fake));
    const r = await relayed(e.id);
    expect(r.status).toBe('error');
    expect(r.lastError.message).toContain('Publication incertaine');
    t.setNow(later(120));
    await t.call('PATCH', `/v1/events/${e.id}`, { token: ADMIN, body: { description: 'Nouvelle description' } });
    await relayDueEvents(relayDepsFor(t, fake));
    expect(fake.livePosts().filter((p) => p.message?.includes('Réponse perdue'))).toHaveLength(1);
    expect((await relayed(e.id)).status).toBe('error');
  });

  it('a crash between the Graph call and the database write does not post twice', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Panne au mauvais moment' });
    const real = graphClientFor(fake);
    const crashing = { ...real, publishPost: async (p: { message: string; link?: string }) => { await real.publishPost(p); throw new Error('process killed'); } };
    await expect(relayEvent(relayDepsFor(t, fake, crashing), e.id)).rejects.toThrow('process killed');
    t.setNow(later(5)); // the lease has expired
    await relayDueEvents(relayDepsFor(t, fake));
    expect(fake.livePosts().filter((p) => p.message?.includes('Panne au mauvais moment'))).toHaveLength(1);
    expect(await relayed(e.id)).toMatchObject({ status: 'error', lastError: { message: expect.stringContaining('Publication incertaine') } });
  });

  it('two relays running at once publish once (lease on the outbox item)', async () => {
    const e = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Deux relais' });
    const results = await Promise.all([relayEvent(relayDepsFor(t, fake), e.id), relayEvent(relayDepsFor(t, fake), e.id)]);
    expect(results.sort()).toEqual(['posted', 'skipped']);
    expect(fake.livePosts().filter((p) => p.message?.includes('Deux relais'))).toHaveLength(1);
  });
});
