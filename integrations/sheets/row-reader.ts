import { CellError, cleanCell, parisDay, formatDay } from './values.js';
import { dayInWords } from '../../functions/domain/text/fr.js';
import type { RowCells } from './columns.js';

/** Reads the cells of one row, collecting every refusal reason in French with its column. */
export class RowReader {
  readonly errors: string[] = [];
  constructor(readonly cells: RowCells) {}

  text(h: string): string | undefined {
    const v = cleanCell(this.cells[h]);
    return v === '' ? undefined : v;
  }

  /** Runs a parser on a cell; a CellError becomes « Colonne « X » : reason ». */
  read<T>(h: string, parse: (v: string | undefined) => T): T | undefined {
    try {
      return parse(this.cells[h]);
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      this.fail(h, err.message);
      return undefined;
    }
  }

  required(h: string): string | undefined {
    const v = this.text(h);
    if (v === undefined) this.fail(h, 'valeur obligatoire');
    return v;
  }

  fail(h: string, reason: string): void {
    this.errors.push(`Colonne « ${h} » : ${reason}`);
  }
}

export type ParseResult = { ok: true; input: Record<string, unknown> } | { ok: false; errors: string[] };

export function finish(reader: RowReader, input: Record<string, unknown>): ParseResult {
  return reader.errors.length ? { ok: false, errors: reader.errors } : { ok: true, input };
}

/** Drops undefined values so a parsed input only carries what the row says. */
export function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export const STALE_AFTER_DAYS = 180;

/**
 * What `Dernière vérification` shows: the day of the last check, or
 * « À vérifier » once it is older than 180 days (same rule as GET /v1/freshness).
 */
export function formatFreshness(r: { verifiedAt?: string; createdAt: string }, now: Date): string {
  const last = r.verifiedAt ?? r.createdAt;
  const stale = now.getTime() - Date.parse(last) > STALE_AFTER_DAYS * 86_400_000;
  if (!stale) return r.verifiedAt ? formatDay(parisDay(r.verifiedAt)) : 'Non vérifiée';
  return r.verifiedAt ? `À vérifier (dernière vérification le ${formatDay(parisDay(r.verifiedAt))})` : 'À vérifier (jamais vérifiée)';
}

/** How the freshness mention of `Statut synchro` starts (the sync replaces it, never duplicates it). */
export const MENTION_PREFIX = 'À vérifier : ';

/**
 * The mention a stale record's `Statut synchro` carries (same 180-day rule), e.g.
 * « À vérifier : dernière vérification le 3 mars 2026 »; undefined once verified.
 */
export function freshnessMention(r: { verifiedAt?: string; createdAt: string; archivedAt?: string }, now: Date): string | undefined {
  if (r.archivedAt) return undefined;
  const last = r.verifiedAt ?? r.createdAt;
  if (now.getTime() - Date.parse(last) <= STALE_AFTER_DAYS * 86_400_000) return undefined;
  return r.verifiedAt ? `${MENTION_PREFIX}dernière vérification le ${dayInWords(parisDay(r.verifiedAt))}` : `${MENTION_PREFIX}jamais vérifiée (créée le ${dayInWords(parisDay(r.createdAt))})`;
}
