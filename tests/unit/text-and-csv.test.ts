import { describe, expect, it } from 'vitest';
import { matchesQuery, normalizeText } from '../../functions/domain/directory/text.js';
import { distanceKm } from '../../functions/domain/directory/geo.js';
import { formatEuros } from '../../functions/domain/directory/exports.js';
import { newId } from '../../functions/domain/ids.js';

describe('text search', () => {
  it('"perigueux" finds "Périgueux", apostrophes and hyphens fold to spaces', () => {
    expect(normalizeText('Périgueux')).toBe('perigueux');
    expect(normalizeText('L’Établi  Nontronnais')).toBe('l etabli nontronnais');
    expect(matchesQuery(normalizeText('Sarlat-la-Canéda'), 'sarlat la caneda')).toBe(true);
    expect(matchesQuery(normalizeText('Œuvre commune'), 'oeuvre')).toBe(false);
    expect(matchesQuery(normalizeText('Grande salle'), 'salle grande')).toBe(true);
  });
});

describe('geo and money', () => {
  it('Périgueux–Bergerac is about 42 km as the crow flies', () => {
    expect(distanceKm({ lat: 45.184, lon: 0.721 }, { lat: 44.853, lon: 0.483 })).toBeGreaterThan(38);
    expect(distanceKm({ lat: 45.184, lon: 0.721 }, { lat: 44.853, lon: 0.483 })).toBeLessThan(45);
  });
  it('euros are written with a decimal comma', () => {
    expect(formatEuros(120050)).toBe('1200,50');
  });
});

describe('identifiers', () => {
  it('sort by creation time', () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(a < b).toBe(true);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
