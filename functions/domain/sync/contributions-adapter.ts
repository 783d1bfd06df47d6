/**
 * The Bénévolat tab, through the contribution use cases (functions/domain/valuation):
 * a row records a contribution once (its ID, chosen before, is the contribution's id: a
 * re-sync never records it twice); `Statut synchro` then shows the value computed with the
 * dated official figures (a trip's value is its share of its driver's yearly barème, so it
 * may change when other trips of the year are added); a recorded row is not edited from the
 * sheet; deleting it archives the contribution (the audit keeps it).
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { archiveContribution, createContribution, loadContribution } from '../valuation/contributions.js';
import { valueYear } from '../valuation/contribution-reads.js';
import { listDirectoryRecordsByType } from '../../../integrations/dynamodb/directory-repository.js';
import { ContributionInputSchema, type Contribution, type ContributionInput } from '../../../schemas/contribution.js';
import { CONTRIBUTION_FIELD_HEADERS, parseContributionRow, renderContributionRow, resourceRefs, type ResourceRefs } from '../../../integrations/sheets/rows/contribution-rows.js';
import { todayInParis } from '../mobility/periods.js';
import { euros } from '../text/fr.js';
import { fieldErrorsFromZod } from '../errors.js';
import type { SyncedRecord, TabAdapter } from './tab-adapter.js';
import { depsWithFirstId, reasonsFor } from './directory-adapters.js';

const asRecord = (c: Contribution) => c as unknown as SyncedRecord;

export function contributionsAdapter(deps: Deps, actor: Actor): TabAdapter {
  let resources: ResourceRefs = resourceRefs([]);
  const values = new Map<string, number>();
  const valued = new Set<number>();
  const loadYear = async (year: number) => {
    const y = await valueYear(deps, year);
    valued.add(year);
    for (const v of y.valued) values.set(v.contribution.id, v.valueCents);
    return y.all;
  };
  /** « ✓ Contribution enregistrée : valorisée 240,40 € (…) », with the value of this round. */
  const statusOf = (rec: SyncedRecord) => {
    const value = values.get(rec.id);
    if (value === undefined) return '✓ Contribution enregistrée';
    const how = rec.kind === 'mileage' ? ' (part du barème kilométrique annuel de la personne)' : rec.kind === 'time' ? ' (SMIC horaire de la date)' : rec.resourceId ? ' (tarif public de la ressource)' : '';
    return `✓ Contribution enregistrée : valorisée ${euros(value)}${how}`;
  };
  return {
    tab: 'Bénévolat',
    entityType: 'contribution',
    async loadRecords() {
      // The sheet shows this year's and last year's contributions; older rows are found one by one.
      const year = Number(todayInParis(deps.now()).slice(0, 4));
      const [raw, last, current] = await Promise.all([listDirectoryRecordsByType(deps.table, 'resource'), loadYear(year - 1), loadYear(year)]);
      resources = resourceRefs(raw as never);
      return [...last, ...current].map(asRecord);
    },
    async loadOne(id) {
      try {
        const c = await loadContribution(deps, id);
        const year = Number(c.date.slice(0, 4));
        if (!valued.has(year)) await loadYear(year);
        return asRecord(c);
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
    },
    parse: (cells, ctx) => parseContributionRow(cells, ctx, resources),
    render: (rec, ctx) => renderContributionRow(rec as unknown as Contribution, ctx, resources),
    check(input) {
      const p = ContributionInputSchema.safeParse(input);
      return p.success ? [] : fieldErrorsFromZod(p.error.issues).map((e) => `Colonne « ${CONTRIBUTION_FIELD_HEADERS[e.path] ?? CONTRIBUTION_FIELD_HEADERS[e.path.split('.')[0]!] ?? e.path} » : ${e.message}`);
    },
    stateBeforeCreate: true,
    async create(input, id, w) {
      const parsed = ContributionInputSchema.safeParse(input);
      if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
      try {
        const c = await createContribution(depsWithFirstId(deps, id), actor, parsed.data as ContributionInput, { note: w.note });
        await loadYear(Number(c.date.slice(0, 4)));
        return asRecord(c);
      } catch (err) {
        // Recorded by an earlier round whose answer was lost: the same id is the same contribution.
        if (err instanceof ConflictError) {
          const existing = await loadContribution(deps, id).catch(() => undefined);
          if (existing) return asRecord(existing);
        }
        throw err;
      }
    },
    async update() {
      return undefined; // never called: immutableMessage refuses edits first
    },
    immutableMessage: 'une contribution enregistrée ne se modifie pas depuis le tableur : supprimez la ligne (la contribution est archivée) puis ajoutez-en une nouvelle, ou modifiez-la dans l’API',
    async archive(rec, note) {
      await archiveContribution(deps, actor, rec.id, { note });
    },
    createdStatus: (rec) => statusOf(rec),
    recordStatus: (rec) => statusOf(rec),
    archivedMessage: '✗ Contribution archivée : elle n’est plus comptée ni synchronisée (vous pouvez supprimer la ligne)',
    reasons: (err) => reasonsFor(err, CONTRIBUTION_FIELD_HEADERS),
  };
}
