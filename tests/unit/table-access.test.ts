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
  it('no request path uses Scan: every read is a GetItem or a Query on a known partition', () => {
    const offenders = [...sources('functions'), ...sources('integrations')].filter((f) => /\b(ScanCommand|ScanInput|\.scan\()/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('key values are built only in the key-builder module', () => {
    const offenders = sources('integrations/dynamodb')
      .filter((f) => !f.endsWith('keys.ts'))
      .filter((f) => /\bpk:\s*[`'"]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
