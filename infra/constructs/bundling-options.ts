/**
 * How every Lambda entry is bundled by esbuild. Plain data (no CDK import) so that
 * `npm run build` and the bench bundle exactly what the CDK construct deploys.
 */

/**
 * ESM output cannot `require()`; some bundled CommonJS dependencies (the AWS SDK's)
 * still do. The banner gives them a real `require` built from the module URL.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

export const LAMBDA_BUNDLING = {
  format: 'esm',
  /** Node 20 syntax runs on the Lambda Node 22 runtime and on the local Node 20. */
  target: 'node20',
  platform: 'node',
  minify: true,
  /**
   * Code behind a dynamic import() becomes a chunk of its own, compiled only when first
   * needed: the API's feature route groups and the SDK's fallback credential providers.
   * A cold start then compiles the directory's code only (`npm run bench -- api`).
   */
  splitting: true,
  sourcemap: true,
  /**
   * Maps carry only the mappings, not the sources: Node parses the whole map at load
   * with --enable-source-maps, and the sources would triple its size (measured in
   * `npm run bench -- api`: a third less init time than with the sources inside).
   */
  sourcesContent: false,
  /** Prefer the ESM build of dependencies: smaller, tree-shakeable. */
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  /**
   * Nothing external: the AWS SDK is bundled (pinned to package-lock, tree-shaken and
   * minified) rather than taken from the runtime, which loads faster on a cold start.
   */
  external: [] as string[],
} as const;

/** Environment the runtime gets so stack traces point into the TypeScript sources. */
export const SOURCE_MAPS_NODE_OPTIONS = '--enable-source-maps';

/**
 * The API function's: the same, with V8's young generation capped at 4 MB a semi-space
 * (16 MB by default). A new instance building the 100,000-resource directory index
 * allocates fast enough to fill both default semi-spaces, which Lambda counts as memory:
 * measured peak 149 → 129 MB for the same load, CPU time unchanged (README, "Directory
 * index"; `npm run bench -- scale` runs its new instance with these options).
 */
export const API_NODE_OPTIONS = `${SOURCE_MAPS_NODE_OPTIONS} --max-semi-space-size=4`;
