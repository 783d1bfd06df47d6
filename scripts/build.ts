/**
 * `npm run build`: bundles the Lambda entries into dist/ with esbuild, with exactly the
 * options the CDK construct uses (infra/constructs/bundling-options.ts), so the bench
 * and a reviewer see the code that is deployed. `npx cdk synth` bundles its own copy.
 */
import { build } from 'esbuild';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { LAMBDA_BUNDLING } from '../infra/constructs/bundling-options.js';
import { buildWidget } from '../widget/build.js';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The Lambda entries; each is bundled to dist/<name>/index.mjs (the handler file name Lambda loads). */
export const LAMBDA_ENTRIES = {
  api: 'functions/api/lambda.ts',
  sync: 'functions/sync/lambda.ts',
  relay: 'functions/relay/lambda.ts',
} as const;

/** Bundles one entry (path from the project root) to `outfile`; returns its size in bytes. */
export async function bundleLambda(entry: string, outfile: string): Promise<number> {
  const b = LAMBDA_BUNDLING;
  await build({
    entryPoints: [resolve(PROJECT_ROOT, entry)],
    outfile,
    bundle: true,
    platform: b.platform,
    format: b.format,
    target: b.target,
    minify: b.minify,
    sourcemap: b.sourcemap,
    sourcesContent: b.sourcesContent,
    mainFields: [...b.mainFields],
    banner: { js: b.banner },
    external: [...b.external],
    logLevel: 'warning',
  });
  return statSync(outfile).size;
}

/**
 * The API function's directory as deployed: index.mjs (+ map) and the prebuilt widget.js
 * that GET /widget.js serves (the CDK construct's afterBundling hook does the same).
 */
export async function buildApiFunction(outDir: string): Promise<{ bundleBytes: number; file: string }> {
  const file = resolve(outDir, 'index.mjs');
  const bundleBytes = await bundleLambda(LAMBDA_ENTRIES.api, file);
  writeFileSync(resolve(dirname(file), 'widget.js'), await buildWidget());
  return { bundleBytes, file };
}

async function buildAll(): Promise<void> {
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
    // Entries written by other parts of the project may not exist yet.
    if (!existsSync(resolve(PROJECT_ROOT, entry))) continue;
    const out = resolve(PROJECT_ROOT, 'dist', name);
    const size = name === 'api' ? (await buildApiFunction(out)).bundleBytes : await bundleLambda(entry, resolve(out, 'index.mjs'));
    console.log(`dist/${name}/index.mjs  ${(size / 1024).toFixed(1)} KiB`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildAll();
