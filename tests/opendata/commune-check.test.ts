import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ADMIN } from '../support/harness.js';
import { sheetsWorld, placeRow, type SheetsWorld } from '../sync/sync-support.js';
import { COMMUNE_INDEX_PATH, deriveCommuneIndex } from '../../scripts/build-commune-index.js';
import { findCommune, communesOfPostcode } from '../../integrations/geo/commune-lookup.js';

describe('the postcode → commune index', () => {
  it('is exactly what @etalab/decoupage-administratif gives today (rerun scripts/build-commune-index.ts after an upgrade)', () => {
    expect(JSON.parse(readFileSync(COMMUNE_INDEX_PATH, 'utf8'))).toEqual(deriveCommuneIndex());
  });

  it('finds the INSEE codes of the demo communes and of a municipal arrondissement', () => {
    expect(findCommune('24000', 'Périgueux')?.inseeCode).toBe('24322');
    expect(findCommune('24100', 'BERGERAC')?.inseeCode).toBe('24037');
    expect(findCommune('24200', 'Sarlat la Caneda')?.inseeCode).toBe('24520');
    expect(findCommune('24310', 'Brantome-en-Perigord')).toEqual({ inseeCode: '24064', name: 'Brantôme en Périgord' });
    expect(communesOfPostcode('69003').map((c) => c.inseeCode)).toContain('69383');
    expect(findCommune('24100', 'Périgueux')).toBeUndefined();
  });
});

describe('the spreadsheet sync refuses a commune that does not exist with that postcode', () => {
  let w: SheetsWorld;
  beforeAll(async () => {
    w = await sheetsWorld({ tabs: ['Lieux'] });
  });
  afterAll(async () => {
    await w.fake.close();
  });

  it('leaves the row out and says which column to fix, in French', async () => {
    w.fake.appendRow('Lieux', placeRow({ Nom: 'La Faute', 'Code postal': '24100', Commune: 'Périgueux' }));
    const r = await w.t.call('POST', '/v1/sync/sheets', { token: ADMIN });
    const places = await w.t.call('GET', '/v1/places');

    expect(r.status).toBe(200);
    expect(r.body.tabs.find((x: { tab: string }) => x.tab === 'Lieux').refused).toBe(1);
    expect(w.fake.cell('Lieux', 2, 'Statut synchro')).toMatch(/Colonne « Commune » : la commune « Périgueux » n’a pas le code postal 24100 \(communes de ce code postal : .*Bergerac/);
    expect(places.body.items).toEqual([]);
  });
});
