/**
 * esbuild puts each module in a chunk by the set of entry points that reach it, and every
 * dynamic `import()` target is an entry point. The API's lazy route groups (and the SDK's
 * lazy credential providers) each reach a different part of what the main entry loads, so a
 * cold start loaded that code as ~35 small chunks: one module resolution, file read, source
 * map read and compilation each (`npm run bench -- api`).
 *
 * This plugin makes every dynamic target also import the main entry's own static imports.
 * All the code a cold start loads is then reached from the same set of entry points and lands
 * in one chunk (plus the entry file). Nothing else changes at run time: a dynamic import runs
 * after the main entry's imports have all been evaluated, so these extra imports are already
 * evaluated modules (ES modules run once), and the lazy chunks still hold only their own code.
 */
import type { Metafile, Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';

const LOADERS: Record<string, 'ts' | 'tsx' | 'js' | 'jsx'> = { '.ts': 'ts', '.mts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.jsx': 'jsx' };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * From a first build's metafile (paths relative to `cwd`): the plugin for the real build, or
 * undefined when the entry has no dynamic import to rewrite.
 */
export function oneInitialChunk(meta: Metafile, entry: string, cwd: string): Plugin | undefined {
  const entryInput = Object.keys(meta.inputs).find((i) => resolve(cwd, i) === entry);
  if (!entryInput) throw new Error(`Entry ${entry} missing from the metafile`);
  const roots = meta.inputs[entryInput]!.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => resolve(cwd, i.path));
  const targets = new Set<string>();
  for (const input of Object.values(meta.inputs)) {
    for (const i of input.imports) {
      if (i.kind !== 'dynamic-import' || i.external) continue;
      const path = resolve(cwd, i.path);
      // Only ES modules can take an import statement (a CommonJS target would change format).
      if (meta.inputs[i.path]?.format !== 'cjs' && LOADERS[extname(path)]) targets.add(path);
    }
  }
  if (!roots.length || !targets.size) return undefined;
  const imports = '\n' + roots.map((r) => `import ${JSON.stringify(r)};`).join('\n') + '\n';
  return {
    name: 'one-initial-chunk',
    setup(build) {
      build.onLoad({ filter: new RegExp(`^(${[...targets].map(escapeRegExp).join('|')})$`) }, (args) => {
        if (!targets.has(args.path)) return undefined;
        // Appended: the file's own lines (and its source map) keep their positions.
        return { contents: readFileSync(args.path, 'utf8') + imports, loader: LOADERS[extname(args.path)]!, resolveDir: dirname(args.path) };
      });
    },
  };
}
