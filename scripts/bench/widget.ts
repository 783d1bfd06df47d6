/**
 * Size of the widget as served (`GET /widget.js`): raw and gzipped bytes, against the
 * 15 KB gzipped budget of the issue. Built exactly like the API builds it.
 */
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { buildWidget } from '../../widget/build.js';
import type { BenchResult } from '../bench.js';

const BUDGET_GZIP_BYTES = 15 * 1024;

export async function run(): Promise<BenchResult> {
  const code = Buffer.from(await buildWidget());
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code).length;
  return {
    name: 'widget',
    figures: {
      'widget.js raw (bytes)': code.length,
      'widget.js gzip -9 (bytes)': gzip,
      'widget.js brotli (bytes)': brotli,
      'widget.js gzip (KB)': Math.round((gzip / 1024) * 100) / 100,
    },
    targets: { 'widget.js ≤ 15 KB gzipped': gzip <= BUDGET_GZIP_BYTES },
    notes: ['esbuild, minified, ES2020, one ES module; includes the schema.org JSON-LD builder shared with the server'],
  };
}
