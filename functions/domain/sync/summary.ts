/** What a sync round did, per tab: the answer of POST /v1/sync/* and the lines of `npm run sync`. */
import * as z from 'zod';
import { formatDateTime } from '../../../integrations/sheets/values.js';

export const TabSummarySchema = z.object({
  tab: z.string(),
  rows: z.number().int().meta({ description: 'Lignes lues' }),
  created: z.number().int().meta({ description: 'Fiches créées depuis la feuille' }),
  updated: z.number().int().meta({ description: 'Fiches modifiées depuis la feuille' }),
  archived: z.number().int().meta({ description: 'Fiches archivées (ligne supprimée)' }),
  refused: z.number().int().meta({ description: 'Lignes refusées (motif dans « Statut synchro »)' }),
  written: z.number().int().meta({ description: 'Lignes écrites dans la feuille (changements côté API)' }),
  appended: z.number().int().meta({ description: 'Lignes ajoutées dans la feuille (fiches créées côté API)' }),
  conflicts: z.number().int().meta({ description: 'Conflits (les deux côtés modifiés) : la plus récente gagne, l’autre version est dans l’historique' }),
  errors: z.array(z.string()),
});
export type TabSummary = z.infer<typeof TabSummarySchema>;

export const RoundSummarySchema = z
  .object({
    provider: z.enum(['airtable', 'sheets']),
    dryRun: z.boolean(),
    startedAt: z.string(),
    finishedAt: z.string(),
    tabs: z.array(TabSummarySchema),
    totals: z.object({ created: z.number(), updated: z.number(), archived: z.number(), refused: z.number(), written: z.number(), appended: z.number(), conflicts: z.number() }),
    /** Set when the round could not run at all (another round running, unreadable spreadsheet). */
    skipped: z.string().optional(),
  })
  .meta({ id: 'SyncRoundSummary' });
export type RoundSummary = z.infer<typeof RoundSummarySchema>;

export function emptyTabSummary(tab: string): TabSummary {
  return { tab, rows: 0, created: 0, updated: 0, archived: 0, refused: 0, written: 0, appended: 0, conflicts: 0, errors: [] };
}

export function totalsOf(tabs: TabSummary[]): RoundSummary['totals'] {
  const t = { created: 0, updated: 0, archived: 0, refused: 0, written: 0, appended: 0, conflicts: 0 };
  for (const s of tabs) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += s[k];
  return t;
}

/** One progress line per tab (French). */
export function formatTabLine(s: TabSummary): string {
  const base = `${s.tab.padEnd(11)} ${String(s.rows).padStart(5)} lignes · ${s.created} créées · ${s.updated} modifiées · ${s.archived} archivées · ${s.refused} refusées · ${s.written + s.appended} écrites dans la feuille`;
  return base + (s.conflicts ? ` · ${s.conflicts} conflits` : '') + (s.errors.length ? `\n    ⚠ ${s.errors.join('\n    ⚠ ')}` : '');
}

/** Texts of the `Statut synchro` column. */
export const statusText = {
  created: (at: Date) => `✓ Créée le ${formatDateTime(at.toISOString())}`,
  saved: (at: Date) => `✓ Enregistrée le ${formatDateTime(at.toISOString())}`,
  fromApi: (at: Date) => `✓ Mise à jour depuis l’API le ${formatDateTime(at.toISOString())}`,
  refused: (reasons: string[]) => `✗ Refusée : ${reasons.join(' ; ')}`,
  conflictApiWon: (at: Date) => `⚠ Conflit le ${formatDateTime(at.toISOString())} : la fiche avait changé plus récemment dans l’API, sa version a été gardée ; votre version est dans l’historique`,
  conflictSheetWon: (at: Date) => `⚠ Conflit le ${formatDateTime(at.toISOString())} : votre modification, plus récente, a été gardée ; la version de l’API est dans l’historique`,
  duplicateId: (otherKey: string) => `✗ Refusée : ID en double (déjà sur la ligne ${otherKey}) ; videz l’ID pour créer une nouvelle fiche`,
  unknownId: () => '✗ Refusée : ID inconnu de l’API ; videz la colonne ID pour créer une nouvelle fiche',
  upToDate: () => '✓ À jour',
  archived: () => '✗ Fiche archivée dans l’API : cette ligne n’est plus synchronisée (vous pouvez la supprimer)',
};
