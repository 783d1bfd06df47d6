/**
 * `npm run bench`: measured speed and cost figures (not pass/fail tests).
 * Each benchmark is a module in scripts/bench/ registered below; run one with
 * `npm run bench -- <name>`. Results are printed and written to bench-results.json.
 */
import { writeFileSync } from 'node:fs';

export interface BenchResult {
  name: string;
  /** Figures with units, e.g. { "bundleKB": 312.4 }. */
  figures: Record<string, number | string>;
  /** Targets and whether they are met, e.g. { "cold init ratio ≤ 2": true }. */
  targets?: Record<string, boolean>;
  notes?: string[];
}

type Bench = { name: string; run: () => Promise<BenchResult> };

const benches: Bench[] = [
  // --- registered benchmarks (one line each) ---
  { name: 'sheets-sync', run: async () => (await import('./bench/sheets-sync.js')).run() },
  { name: 'ledger', run: async () => (await import('./bench/ledger.js')).run() },
  { name: 'widget', run: async () => (await import('./bench/widget.js')).run() },
  { name: 'api', run: async () => (await import('./bench/api.js')).run() },
  { name: 'scale', run: async () => (await import('./bench/scale.js')).run() },
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const results: BenchResult[] = [];
for (const b of benches) {
  if (only.length && !only.includes(b.name)) continue;
  console.log(`\n▶ ${b.name}`);
  const r = await b.run();
  for (const [k, v] of Object.entries(r.figures)) console.log(`  ${k.padEnd(48)} ${v}`);
  for (const [k, ok] of Object.entries(r.targets ?? {})) console.log(`  ${ok ? '✔' : '✘'} ${k}`);
  for (const n of r.notes ?? []) console.log(`  · ${n}`);
  results.push(r);
}
writeFileSync('bench-results.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
console.log('\nRésultats écrits dans bench-results.json');
process.exit(0);
