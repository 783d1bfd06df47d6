/**
 * Every key value of the single table is built here, and only here.
 * Values name the entity (and a schema version where it may change) so an item
 * read from the table tells what it is.
 *
 * Directory records live in one partition per entity type (`dir#place` …) so the
 * whole directory can be loaded with a strongly consistent Query (no GSI lag, no Scan).
 */
export type DirectoryType = 'place' | 'resource' | 'person';

export const keys = {
  directoryRecord: (type: DirectoryType, id: string) => ({ pk: `dir#${type}`, sk: `${type}#v1#${id}` }),
  directoryPartition: (type: DirectoryType) => ({ pk: `dir#${type}`, skPrefix: `${type}#v1#` }),
  /** One counter bumped by every directory write; readers compare it to their cache. */
  directoryVersion: () => ({ pk: 'meta', sk: 'directory-version' }),

  token: (tokenId: string) => ({ pk: 'token', sk: `token#${tokenId}` }),
  tokenPartition: () => ({ pk: 'token', skPrefix: 'token#' }),

  audit: (entityId: string, auditId: string) => ({
    pk: `audit#${entityId}`,
    sk: `audit#${auditId}`,
    gsi1pk: 'audit',
    gsi1sk: auditId,
  }),
  auditPartition: (entityId: string) => ({ pk: `audit#${entityId}`, skPrefix: 'audit#' }),
  auditAll: () => ({ gsi1pk: 'audit' }),

  // --- mobility keys (settings, passes, visits, ledger) ---

  // --- sync keys (sheet row state, cursors, leases) ---

  // --- events keys (events, outbox) ---
};
