import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../fakes/facebook-graph.js';
import { graphClientFor } from './relay-support.js';
import { GraphError } from '../../integrations/facebook/graph-errors.js';

let fake: FakeGraph;
beforeAll(async () => {
  fake = await startFakeGraph({ pageId: '555000111' });
});
afterAll(async () => fake.close());

const callsSince = (n: number) => fake.calls.slice(n);

describe('Graph client against the contract', () => {
  it('publishes to /{version}/{page-id}/feed with the token as a Bearer header', async () => {
    const n = fake.calls.length;
    const { postId } = await graphClientFor(fake).publishPost({ message: 'Bonjour', link: 'https://reseau.example.org/events/1' });
    expect(postId).toMatch(/^555000111_\d+$/);
    expect(callsSince(n)).toEqual([expect.objectContaining({ method: 'POST', path: '/v25.0/555000111/feed', params: expect.objectContaining({ message: 'Bonjour', published: 'true' }) })]);
  });

  it('retries throttling codes 4, 17 and 613 inside a call, then succeeds', async () => {
    for (const code of [4, 17, 613] as const) {
      fake.inject({ kind: 'throttle', code, op: 'feed', times: 2 });
      const n = fake.calls.length;
      await expect(graphClientFor(fake).publishPost({ message: `code ${code}` })).resolves.toMatchObject({ postId: expect.any(String) });
      expect(callsSince(n).map((c) => c.status)).toEqual([400, 400, 200]);
    }
  });

  it('does not retry error 190 and reports it with its code and subcode', async () => {
    const n = fake.calls.length;
    const err = await graphClientFor(fake, 'wrong-token').publishPost({ message: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect(err).toMatchObject({ kind: 'token', code: 190, subcode: 460, retryable: false });
    expect(callsSince(n)).toHaveLength(1);
  });

  it('never retries a create whose answer was lost, but retries an edit (idempotent)', async () => {
    const client = graphClientFor(fake);
    fake.inject({ kind: 'lost-response', op: 'feed' });
    let n = fake.calls.length;
    await expect(client.publishPost({ message: 'perdu' })).rejects.toMatchObject({ kind: 'uncertain' });
    expect(callsSince(n)).toHaveLength(1);
    const { postId } = await client.publishPost({ message: 'à modifier' });
    fake.inject({ kind: 'lost-response', op: 'edit' });
    n = fake.calls.length;
    await client.editPost(postId, 'modifié');
    expect(callsSince(n)).toHaveLength(2);
    expect(fake.posts.get(postId)!.message).toBe('modifié');
  });

  it('retries a 5xx "transient" answer, and reports an unknown post as a refusal (code 100)', async () => {
    const client = graphClientFor(fake);
    fake.inject({ kind: 'server-error', status: 503, op: 'photos' });
    const photo = await client.publishPhoto({ url: 'https://images.example.org/a.jpg', message: 'photo' });
    expect(fake.posts.get(photo.postId)!.photoUrl).toBe('https://images.example.org/a.jpg');
    await client.deletePost(photo.postId);
    await expect(client.editPost(photo.postId, 'x')).rejects.toMatchObject({ kind: 'rejected', code: 100 });
  });
});
