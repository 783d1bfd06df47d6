import type { TableRef } from '../../integrations/dynamodb/client.js';
import type { ObjectStore } from '../../integrations/objects/object-store.js';
import type { FileStore } from '../../integrations/files/file-store.js';

/** What use cases need from the outside world, passed in explicitly. */
export interface Deps {
  table: TableRef;
  /** Current time; tests pass a fixed clock. */
  now: () => Date;
  newId: () => string;
  /** The administrator's bearer token (env locally; empty when it is read on demand, below). */
  adminToken: string;
  /**
   * In AWS the token lives in Secrets Manager: read on the first request that carries a
   * token, so that public reads (most of the traffic) never wait for the secret.
   */
  adminTokenSource?: () => Promise<string>;
  /** Public address of the API (links in exports, widget, Facebook posts). */
  publicBaseUrl?: string;
  /** Generated objects (big exports, the index artifact); the process memory when unset. */
  objects?: ObjectStore;
  /** `off`: new instances load the directory from the table, and write no index artifact. */
  indexArtifacts?: 'on' | 'off';
  /** Where communication kit files are stored (unset: uploads are refused with a clear message). */
  files?: FileStore;
}
