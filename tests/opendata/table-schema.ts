/**
 * A small Frictionless Table Schema validator for the tests: it reads the constraints
 * from the schema file itself (required, unique, pattern, maxLength, field types), so the
 * published file is checked against the standard as written, not against a copy of it.
 */
import { readFileSync } from 'node:fs';

/** The standard's schema and valid example, copied from ../shared/contracts/opendata/ (a clean clone has no ../shared). */
export const SCHEMA_DIR = new URL('../../integrations/opendata/', import.meta.url);
export const CONTRACT_DIR = new URL('../../../shared/contracts/opendata/', import.meta.url);

interface Field {
  name: string;
  type: string;
  constraints?: { required?: boolean; unique?: boolean; pattern?: string; maxLength?: number; enum?: string[] };
}
export interface TableSchema {
  fields: Field[];
  primaryKey?: string | string[];
}

export function readSchema(file = 'lieux-mediation-numerique.schema.json'): TableSchema {
  return JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as TableSchema;
}

/** RFC 4180 CSV (quoted fields with doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

function typeError(type: string, v: string): string | undefined {
  if (type === 'number' && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v)) return `« ${v} » n’est pas un nombre`;
  if (type === 'integer' && !/^-?\d+$/.test(v)) return `« ${v} » n’est pas un entier`;
  if (type === 'date') {
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
    if (!ok) return `« ${v} » n’est pas une date AAAA-MM-JJ`;
  }
  return undefined;
}

/** Every violation of the file against the schema, as `line N, column: reason` (empty = valid). */
export function validateCsv(schema: TableSchema, csv: string): string[] {
  const [header, ...rows] = parseCsv(csv).filter((r) => r.length > 1 || r[0] !== '');
  const errors: string[] = [];
  if (!header) return ['fichier vide'];
  const expected = schema.fields.map((f) => f.name);
  if (header.join(',') !== expected.join(',')) errors.push(`en-tête : ${header.join(',')} au lieu de ${expected.join(',')}`);
  const seen = new Map<string, Set<string>>();
  rows.forEach((cells, r) => {
    const line = r + 2;
    if (cells.length !== header.length) errors.push(`ligne ${line} : ${cells.length} colonnes au lieu de ${header.length}`);
    schema.fields.forEach((f, i) => {
      const v = cells[i] ?? '';
      const c = f.constraints ?? {};
      if (v === '') {
        if (c.required) errors.push(`ligne ${line}, ${f.name} : obligatoire`);
        return;
      }
      const t = typeError(f.type, v);
      if (t) errors.push(`ligne ${line}, ${f.name} : ${t}`);
      // Table Schema patterns match the whole value (XML Schema semantics).
      if (c.pattern && !new RegExp(`^(?:${c.pattern})$`, 'u').test(v)) errors.push(`ligne ${line}, ${f.name} : « ${v} » ne respecte pas le motif ${c.pattern}`);
      if (c.maxLength !== undefined && [...v].length > c.maxLength) errors.push(`ligne ${line}, ${f.name} : ${[...v].length} caractères (au plus ${c.maxLength})`);
      if (c.enum && !c.enum.includes(v)) errors.push(`ligne ${line}, ${f.name} : « ${v} » hors liste`);
      if (c.unique || schema.primaryKey === f.name) {
        const set = seen.get(f.name) ?? new Set<string>();
        if (set.has(v)) errors.push(`ligne ${line}, ${f.name} : « ${v} » en double`);
        set.add(v);
        seen.set(f.name, set);
      }
    });
  });
  return errors;
}
