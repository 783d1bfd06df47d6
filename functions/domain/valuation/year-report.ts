/**
 * GET /v1/valuation/{year}: the year's contributions valued with the figures in force on
 * their days. Primary course:
 * 1. check the actor may read the report (admin; a manager for its own place);
 * 2. value every contribution of the year together (a trip's share depends on its driver's
 *    whole year, whatever place or project the report is restricted to);
 * 3. keep the place and project asked for, leave archived contributions out;
 * 4. add up by month, place, project, activity, resource and budget line (86 = 87).
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { loadDirectorySnapshot } from '../directory/snapshot.js';
import { requireAttestationReader, requireReportReader } from './valuation-access.js';
import { valueYear } from './contribution-reads.js';
import { buildValuationReport } from './build-report.js';
import { valueTrips, type MileageGroup } from './mileage.js';
import { personKeyOf } from './value-contributions.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { PersonSchema, type Person } from '../../../schemas/person.js';
import type { ValuationReport } from '../../../schemas/valuation-report.js';

export function readYear(raw: string): number {
  if (!/^\d{4}$/.test(raw) || Number(raw) < 2000 || Number(raw) > 2100) throw new BadRequestError(`Année attendue sur quatre chiffres (AAAA), reçu « ${raw} ».`);
  return Number(raw);
}

export async function buildYearReport(deps: Deps, actor: Actor, year: number, q: { placeId?: string; project?: string }): Promise<ValuationReport> {
  requireReportReader(actor, q.placeId);
  const [y, snapshot] = await Promise.all([valueYear(deps, year), loadDirectorySnapshot(deps)]);
  if (q.placeId && !snapshot.placesById.has(q.placeId)) throw new NotFoundError('Lieu', q.placeId);
  const valued = y.valued.filter((v) => (!q.placeId || v.contribution.placeId === q.placeId) && (!q.project || v.contribution.project === q.project));
  return buildValuationReport({ year, placeId: q.placeId, project: q.project, valued, figures: y.figures, placeName: (id) => snapshot.placesById.get(id)?.name ?? id });
}

export interface Attestation {
  year: number;
  person: Pick<Person, 'id' | 'displayName'>;
  homePlaceName: string;
  report: ValuationReport;
  mileage: MileageGroup[];
}

/**
 * The attestation de bénévolat of one person for a year: everything they gave, every place
 * included; the mileage groups say the distance, band and yearly amount of each vehicle.
 */
export async function buildAttestation(deps: Deps, actor: Actor, year: number, personId: string): Promise<Attestation> {
  const raw = await getDirectoryRecordById(deps.table, 'person', personId);
  if (!raw) throw new NotFoundError('Personne', personId);
  const person = PersonSchema.parse(raw);
  const [y, snapshot] = await Promise.all([valueYear(deps, year), loadDirectorySnapshot(deps)]);
  const mine = y.valued.filter((v) => v.contribution.personId === personId);
  requireAttestationReader(actor, [person.homePlaceId, ...mine.map((v) => v.contribution.placeId)]);
  const report = buildValuationReport({ year, valued: mine, figures: y.figures, placeName: (id) => snapshot.placesById.get(id)?.name ?? id });
  const key = personKeyOf({ personId });
  const trips = mine.filter((v) => v.category === 'mileage').map((v) => ({ id: v.contribution.id, date: v.contribution.date, km: v.contribution.km!, personKey: key, vehicle: v.contribution.vehicle! }));
  return { year, person: { id: person.id, displayName: person.displayName }, homePlaceName: snapshot.placesById.get(person.homePlaceId)?.name ?? '', report, mileage: valueTrips(y.figures, trips).groups };
}
