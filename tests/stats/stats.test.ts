import { describe, expect, it } from 'vitest';
import { createTestContext, ADMIN } from '../support/harness.js';
import { personInput, placeInput, resourceInput } from '../support/fixtures.js';
import { lastMonths } from '../../functions/domain/stats/public-figures.js';

describe('GET /stats', () => {
  it('shows counts and SVG charts in French, and nothing private', async () => {
    const t = await createTestContext();
    const a = (await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Alpha', address: { street: '1 rue', postcode: '24100', commune: 'Bergerac' } }) })).body.id;
    await t.call('POST', '/v1/places', { token: ADMIN, body: placeInput({ name: 'Bêta' }) });
    await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(a) });
    await t.call('POST', '/v1/resources', { token: ADMIN, body: resourceInput(a, { kind: 'equipment', category: 'laser_cutter', name: 'Découpe laser' }) });
    await t.call('POST', '/v1/people', { token: ADMIN, body: personInput(a, { displayName: 'Personne Secrète', email: 'secret@example.org', publicProfile: false }) });

    const page = await t.call('GET', '/stats');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(page.headers.get('cache-control')).toMatch(/^public/);
    expect(page.text).toContain('<strong>2</strong>lieux');
    expect(page.text).toContain('<strong>1</strong>membre inscrit');
    expect(page.text).toContain('<strong>2</strong>ressources partagées');
    expect(page.text.match(/<svg /g)?.length).toBe(5);
    expect(page.text).toContain('Bergerac : 2');
    expect(page.text).not.toContain('Secrète');
    expect(page.text).not.toContain('secret@example.org');
  });

  it('counts the last twelve months, across a year change', () => {
    expect(lastMonths('2026-02-10')).toEqual(['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
