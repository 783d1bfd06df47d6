/**
 * `npx tsx scripts/build-commune-index.ts`: derives the compact postcode → communes index
 * (integrations/geo/commune-index.json) from @etalab/decoupage-administratif.
 *
 * Why a derived file: the library's communes.json is 8 MB (37 590 records with SIREN,
 * population, chef-lieu…). Bundled, it would weigh on every Lambda package and take a
 * noticeable parse on the first place write. The index keeps only what the check needs
 * (postcode, INSEE code, name) for current communes and municipal arrondissements: about
 * 0.8 MB, loaded only behind a dynamic import (place writes, the open data chunk).
 * `tests/opendata/insee.test.ts` derives it again and fails when it no longer matches
 * the installed library (after an upgrade: rerun this script).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface LibraryCommune {
  code: string;
  nom: string;
  type: string;
  codesPostaux?: string[];
}

export const COMMUNE_INDEX_PATH = fileURLToPath(new URL('../integrations/geo/commune-index.json', import.meta.url));

/** The index: `{source, postcodes: {"24000": "24322 Périgueux"}}`, several communes joined by `|`. */
export function deriveCommuneIndex(): { source: string; postcodes: Record<string, string> } {
  const require = createRequire(import.meta.url);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as LibraryCommune[];
  const version = (JSON.parse(readFileSync(require.resolve('@etalab/decoupage-administratif/package.json'), 'utf8')) as { version: string }).version;
  const byPostcode = new Map<string, string[]>();
  // Delegated and associated communes carry no postcode in the library: their mail goes to the current commune.
  for (const c of communes) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    for (const p of c.codesPostaux ?? []) {
      const list = byPostcode.get(p) ?? [];
      list.push(`${c.code} ${c.nom}`);
      byPostcode.set(p, list);
    }
  }
  const postcodes: Record<string, string> = {};
  for (const p of [...byPostcode.keys()].sort()) postcodes[p] = byPostcode.get(p)!.sort().join('|');
  return { source: `@etalab/decoupage-administratif ${version} (communes actuelles et arrondissements municipaux)`, postcodes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const index = deriveCommuneIndex();
  writeFileSync(COMMUNE_INDEX_PATH, JSON.stringify(index) + '\n');
  console.log(`${COMMUNE_INDEX_PATH}: ${Object.keys(index.postcodes).length} codes postaux`);
}
