/**
 * Builds the widget into one ES module with esbuild (minified, ES2020).
 * - used in-process by the API when no prebuilt file is present (local server, tests);
 * - run as a script to write the file the Lambda bundle ships:
 *   `npx tsx widget/build.ts dist/widget.js` (the CDK bundling hook copies it next to index.mjs).
 */
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const WIDGET_ENTRY = fileURLToPath(new URL('./src/index.ts', import.meta.url));

export async function buildWidget(): Promise<string> {
  // A computed specifier keeps bundlers from pulling esbuild into the Lambda bundle.
  const specifier = 'esbuild';
  const esbuild = (await import(specifier)) as typeof import('esbuild');
  const out = await esbuild.build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
  });
  return out.outputFiles[0]!.text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = process.argv[2] ?? 'dist/widget.js';
  mkdirSync(dirname(target), { recursive: true });
  const code = await buildWidget();
  writeFileSync(target, code);
  console.log(`widget.js : ${target} (${Buffer.byteLength(code)} octets)`);
}
