import { describe, expect, it } from 'vitest';
import { ADMIN, createTestContext } from '../support/harness.js';
import { loadDemoValuation } from '../../scripts/seed/demo-valuation.js';
import { personInput, placeInput, resourceInput } from '../support/fixtures.js';
import { todayInParis } from '../../functions/domain/mobility/periods.js';

describe('the valuation demo data', () => {
  it('a year of contributions across places and projects, a rotation plan and visit logs', async () => {
    const t = await createTestContext();
    // A small directory (the full demo directory loads in `npm start`), then the valuation demo itself.
    const places: string[] = [];
    for (const [i, name] of ['Le Moulin', 'La Gare', 'Le Fournil', 'La Forge'].entries()) {
      places.push((await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name, location: { lat: 45 + i * 0.1, lon: 0.5 + i * 0.12 } }) })).body.id);
    }
    for (const [i, name] of ['Agnès', 'Bruno', 'Chloé', 'David', 'Élise'].entries()) await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(places[i % 4]!, { displayName: name }) });
    await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(places[1]!) });
    await loadDemoValuation(t.deps);
    const today = todayInParis(t.deps.now());
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 360 * 86_400_000).toISOString().slice(0, 10);
    const list = await t.call('GET', `/v1/contributions?from=${from}&to=${today}&limit=500`, { token: ADMIN });
    expect(list.status).toBe(200);
    const items = list.body.items as { kind: string; placeId: string; project?: string; date: string; valueCents: number }[];
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((c) => c.kind))).toEqual(new Set(['time', 'mileage', 'in_kind']));
    expect(new Set(items.map((c) => c.placeId)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((c) => c.project).filter(Boolean)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(items.map((c) => c.date.slice(0, 7))).size).toBeGreaterThanOrEqual(12);
    expect(items.every((c) => c.valueCents > 0)).toBe(true);
    for (const year of new Set(items.map((c) => c.date.slice(0, 4)))) {
      const r = (await t.call('GET', `/v1/valuation/${year}`, { token: ADMIN })).body;
      expect(r.totalCents).toBeGreaterThan(0);
      expect(r.total86Cents).toBe(r.total87Cents);
    }
    const visits = await t.call('GET', '/v1/coordination/visits', { token: ADMIN });
    expect(visits.body.items.length).toBe(3);
    expect(visits.body.items.filter((v: { mileageContributionId?: string }) => v.mileageContributionId)).toHaveLength(3);
    const audit = await t.call('GET', '/v1/audit?limit=500', { token: ADMIN });
    const rotation = audit.body.items.find((e: { entityType: string }) => e.entityType === 'rotation');
    expect(rotation).toBeDefined();
    const plan = await t.call('GET', `/v1/coordination/rotations/${rotation.entityId}`, { token: ADMIN });
    expect(plan.body.days.length).toBeGreaterThan(10);
  }, 280_000);
});
