/**
 * Names and lifetimes of the generated objects (the artifacts bucket in AWS, see
 * infra/stacks/stateful-stack.ts): one small module, read by the code that writes them
 * and by the stack whose lifecycle rules expire them.
 */
/** The directory's index artifact: `directory-index-<seq>.bin.gz` and `directory-records-<seq>.json.gz`. */
export const DIRECTORY_ARTIFACT_PREFIX = 'directory-';
/** Big exports: `export-<content hash>-<file name>`. */
export const EXPORT_PREFIX = 'export-';
/** The bucket expires artifact objects this old. */
export const ARTIFACT_EXPIRY_DAYS = 7;
/** An instance rewrites the artifact it started from once it is this old, well before it expires. */
export const ARTIFACT_REWRITE_DAYS = 2;
