import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('table access', () => {
  // The one exception, on purpose: `npm run export` must read every item of the table, and a
  // full copy is exactly what Scan is for. It runs from a script, never on a request path,
  // and the import's emptiness check (Limit 1) lives beside it. Nothing else may Scan.
  const SCAN_ALLOWED = new Set([join('integrations', 'dynamodb', 'table-copy.ts')]);

  it('no request path uses Scan: every read is a GetItem or a Query on a known partition (the export module excepted)', () => {
    const offenders = [...sources('functions'), ...sources('integrations'), ...sources('scripts')]
      .filter((f) => !SCAN_ALLOWED.has(f))
      .filter((f) => /\b(ScanCommand|ScanInput|\.scan\()/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the exception is real and narrow: the export module scans, and no request path imports it', () => {
    for (const f of SCAN_ALLOWED) expect(readFileSync(f, 'utf8')).toMatch(/\bScanCommand\b/);
    const importers = [...sources('functions'), ...sources('integrations')].filter((f) => /table-copy(\.js)?['"]/.test(readFileSync(f, 'utf8')));
    expect(importers).toEqual([]);
  });

  it('key values are built only in the key-builder module', () => {
    const offenders = sources('integrations/dynamodb')
      .filter((f) => !f.endsWith('keys.ts'))
      .filter((f) => /\bpk:\s*[`'"]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
