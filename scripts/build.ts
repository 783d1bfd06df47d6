/**
 * `npm run build`: bundles the Lambda entries into dist/<name>/ with esbuild, with exactly
 * the options of infra/constructs/bundling-options.ts. The CDK construct runs this same
 * script after its own bundling step (`tsx scripts/build.ts <entry> <dir>`), so the bench,
 * the bundle test and a deployment all see the same files.
 *
 * Each function is an ES module `index.mjs` plus chunks next to it: the code behind a
 * dynamic `import()` (the API's lazy route groups, the AWS SDK's rarely used credential
 * providers) is a chunk of its own, compiled only if a request needs it.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, relative, resolve } from 'node:path';
import { LAMBDA_BUNDLING } from '../infra/constructs/bundling-options.js';
import { oneInitialChunk } from './one-initial-chunk.js';
import { buildWidget } from '../widget/build.js';
import { SCALAR_FILE_NAME, installedScalarPath } from '../functions/api/openapi/scalar-assets.js';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The Lambda entries; each is bundled to dist/<name>/index.mjs (the handler file name Lambda loads). */
export const LAMBDA_ENTRIES = {
  api: 'functions/api/lambda.ts',
  sync: 'functions/sync/lambda.ts',
  relay: 'functions/relay/lambda.ts',
  freshness: 'functions/freshness/lambda.ts',
  decisions: 'functions/decisions/lambda.ts',
  checkin: 'functions/checkin/lambda.ts',
} as const;

export interface BundleInfo {
  /** The handler module Lambda imports. */
  file: string;
  /** Every JavaScript file written (entry and chunks; source maps and assets not counted). */
  totalBytes: number;
  /** What a cold start loads: the entry and the chunks it imports statically, transitively. */
  initialBytes: number;
  files: number;
}

/** The entry and the chunks it imports statically (not those behind a dynamic import()). */
function initialOutputs(meta: Metafile, entryOut: string): string[] {
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const imp of meta.outputs[out]?.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(entryOut);
  return [...seen];
}

/**
 * Bundles one entry (path from the project root) into `outDir` (index.mjs and its chunks),
 * replacing any JavaScript already there (the CDK's single-file bundle).
 */
export async function bundleLambda(entry: string, outDir: string): Promise<BundleInfo> {
  const b = LAMBDA_BUNDLING;
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (/\.mjs(\.map)?$/.test(f)) rmSync(resolve(outDir, f));
  const entryPath = resolve(PROJECT_ROOT, entry);
  const options = {
    entryPoints: { index: entryPath },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Flat: chunks resolve files shipped next to index.mjs (widget.js) from their own URL.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: b.splitting,
    platform: b.platform,
    format: b.format,
    target: b.target,
    minify: b.minify,
    sourcemap: b.sourcemap,
    sourcesContent: b.sourcesContent,
    mainFields: [...b.mainFields],
    banner: { js: b.banner },
    external: [...b.external],
    metafile: true,
    logLevel: 'warning',
  } satisfies BuildOptions;
  // A first pass (not written) finds the dynamic imports, so that the second puts all the code
  // a cold start loads in one chunk (see one-initial-chunk.ts).
  const plan = await build({ ...options, write: false, logLevel: 'silent' });
  const plugin = oneInitialChunk(plan.metafile, entryPath, process.cwd());
  const { metafile } = await build({ ...options, plugins: plugin ? [plugin] : [] });
  // Metafile output paths are relative to the working directory.
  const outputs = Object.keys(metafile.outputs).filter((o) => o.endsWith('.mjs'));
  const entryOut = outputs.find((o) => basename(o) === 'index.mjs')!;
  const size = (o: string) => metafile.outputs[o]!.bytes;
  return {
    file: resolve(outDir, 'index.mjs'),
    totalBytes: outputs.reduce((n, o) => n + size(o), 0),
    initialBytes: initialOutputs(metafile, entryOut).reduce((n, o) => n + size(o), 0),
    files: outputs.length,
  };
}

/**
 * A function's directory as deployed. The API's also holds the prebuilt widget.js that
 * GET /widget.js serves and the docs viewer GET /docs/scalar.js serves (read on its first
 * request only: a plain file, not a chunk, so no cold start parses it).
 */
export async function buildFunction(entry: string, outDir: string): Promise<BundleInfo> {
  const info = await bundleLambda(entry, outDir);
  if (entry === LAMBDA_ENTRIES.api) {
    writeFileSync(resolve(outDir, 'widget.js'), await buildWidget());
    copyFileSync(installedScalarPath(), resolve(outDir, SCALAR_FILE_NAME));
  }
  return info;
}

/** The API function's directory, as deployed. */
export function buildApiFunction(outDir: string): Promise<BundleInfo> {
  return buildFunction(LAMBDA_ENTRIES.api, outDir);
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function buildAll(): Promise<void> {
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
    const out = resolve(PROJECT_ROOT, 'dist', name);
    const info = await buildFunction(entry, out);
    console.log(`dist/${name}/  ${info.files} files, ${kib(info.totalBytes)} (${kib(info.initialBytes)} loaded at cold start)`);
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && process.argv.length === 4) {
  // From the CDK construct: tsx scripts/build.ts <entry> <output dir>
  const [entry, outDir] = process.argv.slice(2) as [string, string];
  const rel = relative(PROJECT_ROOT, resolve(PROJECT_ROOT, entry));
  if (!existsSync(resolve(PROJECT_ROOT, rel))) throw new Error(`No such entry: ${entry}`);
  const info = await buildFunction(rel, resolve(outDir));
  console.log(`${rel} → ${outDir}: ${info.files} files, ${kib(info.totalBytes)}`);
} else if (isMain) await buildAll();
