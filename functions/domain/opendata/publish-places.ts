/** Use cases behind the open data routes (public reads over the directory snapshot). */
import type { Deps } from '../deps.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { buildMediationDataset, mediationCsv, type ExcludedPlace } from './mediation-numerique.js';

/** GET /v1/opendata/lieux-mediation-numerique.csv */
export async function mediationNumeriqueCsv(deps: Deps): Promise<string> {
  const snap = await loadDirectorySnapshot(deps);
  return mediationCsv(buildMediationDataset(snap.places).rows);
}

export interface OpenDataReport {
  generatedAt: string;
  datasets: { file: string; published: number; excluded: ExcludedPlace[] }[];
}

/** GET /v1/opendata/report: what each file holds and which member places are left out, with why. */
export async function openDataReport(deps: Deps): Promise<OpenDataReport> {
  const snap = await loadDirectorySnapshot(deps);
  const { rows, excluded } = buildMediationDataset(snap.places);
  return { generatedAt: deps.now().toISOString(), datasets: [{ file: 'lieux-mediation-numerique.csv', published: rows.length, excluded }] };
}
