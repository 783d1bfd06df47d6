/**
 * The public rate of a resource as published on a given day, read from the audit trail:
 * every directory write keeps the record as it was written (`after`), so the versions of a
 * resource over time are known without any extra history table.
 */
import type { Deps } from '../deps.js';
import { listAuditByEntity } from '../../../integrations/dynamodb/audit-repository.js';
import { getDirectoryRecordById } from '../../../integrations/dynamodb/directory-repository.js';
import { ResourceSchema } from '../../../schemas/resource.js';
import { UnprocessableError } from '../errors.js';
import { lentValueCents, publicRateFor, versionOn, type ResourceVersion } from './in-kind.js';
import type { RateUnit } from '../../../schemas/resource.js';
import type { Contribution } from '../../../schemas/contribution.js';

const MAX_AUDIT_PAGES = 20;

async function resourceVersions(deps: Deps, resourceId: string): Promise<ResourceVersion[] | undefined> {
  const raw = await getDirectoryRecordById(deps.table, 'resource', resourceId);
  if (!raw) return undefined;
  const current = ResourceSchema.parse(raw);
  const versions: ResourceVersion[] = [{ at: current.updatedAt, resource: current }];
  let cursor: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_AUDIT_PAGES; page++) {
    const out = await listAuditByEntity(deps.table, resourceId, 100, cursor);
    for (const item of out.items) {
      const after = ResourceSchema.safeParse(item.after);
      if (after.success) versions.push({ at: String(item.at), resource: after.data });
    }
    cursor = out.lastKey;
    if (!cursor) break;
  }
  return versions;
}

/** The `lent` valuation of a loan: quantity × the public rate for `unit` in force on `day`. */
export async function valueLoan(deps: Deps, resourceId: string, day: string, quantity: number, unit: RateUnit): Promise<NonNullable<Contribution['lent']>> {
  const versions = await resourceVersions(deps, resourceId);
  if (!versions) throw new UnprocessableError(`La ressource « ${resourceId} » n’existe pas dans l’annuaire.`, [{ path: 'resourceId', message: 'ressource inconnue' }]);
  const { version } = versionOn(versions, day);
  const rate = publicRateFor(version.resource, unit, day);
  return { resourceName: version.resource.name, rateCents: rate.amountCents, rateUnit: unit, ratePublishedAt: version.at, valueCents: lentValueCents(rate, quantity) };
}
