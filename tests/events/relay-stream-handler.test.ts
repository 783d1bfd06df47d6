import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness.js';
import { startFakeGraph, type FakeGraph } from '../fakes/facebook-graph.js';
import { createStreamHandler } from '../../functions/relay/stream-handler.js';
import { createEventViaApi, createPlace } from './event-fixtures.js';
import { graphClientFor, relayDepsFor } from './relay-support.js';
import { readRelayEnv } from '../../functions/relay/relay-config.js';

let t: TestContext;
let fake: FakeGraph;
let placeId: string;
beforeAll(async () => {
  t = await createTestContext({ now: '2026-06-01T08:00:00Z' });
  fake = await startFakeGraph();
  placeId = await createPlace(t);
});
afterAll(async () => fake.close());

const record = (seq: string, pk: string, sk: string, status?: string) => ({
  eventID: seq,
  eventName: 'MODIFY',
  dynamodb: { SequenceNumber: seq, Keys: { pk: { S: pk }, sk: { S: sk } }, NewImage: status ? { status: { S: status } } : {} },
});

describe('relay Lambda handler (DynamoDB stream)', () => {
  it('relays pending outbox records, ignores others, and reports only the failed ones', async () => {
    const ok = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Par le flux' });
    const broken = await createEventViaApi(t, placeId, { relay: { facebook: true }, title: 'Flux en panne' });
    const real = graphClientFor(fake);
    const graph = {
      ...real,
      publishPost: async (p: { message: string; link?: string }) => {
        if (p.message.includes('Flux en panne')) throw new Error('network stack exploded');
        return real.publishPost(p);
      },
    };
    const handler = createStreamHandler(async () => relayDepsFor(t, fake, graph));
    const out = await handler(
      { Records: [record('1', `event#${ok.id}`, 'relay#facebook', 'pending'), record('2', `event#${ok.id}`, 'event#v1'), record('3', `event#${broken.id}`, 'relay#facebook', 'pending'), record('4', `event#${ok.id}`, 'relay#facebook', 'posted')] },
      {} as never,
    );
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }] });
    expect(fake.livePosts().filter((p) => p.message?.includes('Par le flux'))).toHaveLength(1);
  });

  it('the relay configuration reads the shared names and defaults the Graph URL with its version', () => {
    const env = readRelayEnv({ FACEBOOK_PAGE_ID: '123', FACEBOOK_PAGE_TOKEN: 'abcdefghijkl', PUBLIC_BASE_URL: 'https://reseau.example.org' });
    expect(env.FACEBOOK_GRAPH_URL).toBe('https://graph.facebook.com/v25.0');
    expect(() => readRelayEnv({ FACEBOOK_PAGE_ID: '123', PUBLIC_BASE_URL: 'https://reseau.example.org' })).toThrow(/FACEBOOK_PAGE_TOKEN/);
  });
});
