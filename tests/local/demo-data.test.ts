import { describe, expect, it } from 'vitest';
import { demoPeople, demoPlaces, demoResources } from '../../scripts/seed/demo-data.js';
import { PlaceInputSchema } from '../../schemas/place.js';

describe('the demo data set', () => {
  it('spreads about a dozen places over Dordogne communes with coordinates in the département', () => {
    expect(demoPlaces.length).toBeGreaterThanOrEqual(12);
    for (const p of demoPlaces) {
      const { key, verifiedDaysAgo, ...input } = p;
      void key, verifiedDaysAgo;
      expect(PlaceInputSchema.safeParse(input).success, p.name).toBe(true);
      expect(p.address.postcode.startsWith('24'), p.name).toBe(true);
      expect(p.location!.lat).toBeGreaterThan(44.5);
      expect(p.location!.lat).toBeLessThan(45.8);
      expect(p.location!.lon).toBeGreaterThan(-0.1);
      expect(p.location!.lon).toBeLessThan(1.5);
    }
    expect(new Set(demoPlaces.map((p) => p.address.commune)).size).toBeGreaterThanOrEqual(10);
  });

  it('has 60+ resources of every kind and 30+ people, some without public consent', () => {
    expect(demoResources.length).toBeGreaterThanOrEqual(60);
    expect(new Set(demoResources.map((r) => r.kind))).toEqual(new Set(['space', 'equipment', 'other']));
    expect(demoPeople.length).toBeGreaterThanOrEqual(30);
    expect(demoPeople.filter((p) => !p.publicProfile).length).toBeGreaterThan(0);
  });
});
