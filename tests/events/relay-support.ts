/** Wiring of the relay tests: the real relay over the test table and the fake Graph server. */
import { createGraphClient, type FacebookPageClient } from '../../integrations/facebook/graph-client.js';
import type { RelayDeps } from '../../functions/relay/relay-event.js';
import type { TestContext } from '../support/harness.js';
import type { FakeGraph } from '../fakes/facebook-graph.js';

export const PUBLIC_BASE = 'https://reseau.example.org';

export function graphClientFor(fake: FakeGraph, token = fake.token): FacebookPageClient {
  // No real waiting between in-call retries; backoff across calls is driven by the test clock.
  return createGraphClient({ baseUrl: fake.url, pageId: fake.pageId, pageToken: token, sleep: async () => {}, random: () => 0.5 });
}

export function relayDepsFor(t: TestContext, fake: FakeGraph, graph: FacebookPageClient = graphClientFor(fake)): RelayDeps {
  return { deps: t.deps, graph, baseUrl: PUBLIC_BASE, random: () => 0.5 };
}

export const feedCalls = (fake: FakeGraph) => fake.calls.filter((c) => c.op === 'feed' || c.op === 'photos');
