import type { TableRef } from '../../integrations/dynamodb/client.js';
import type { FileStore } from '../../integrations/files/file-store.js';

/** What use cases need from the outside world, passed in explicitly. */
export interface Deps {
  table: TableRef;
  /** Current time; tests pass a fixed clock. */
  now: () => Date;
  newId: () => string;
  /** The administrator's bearer token (from Secrets Manager in AWS, env locally). */
  adminToken: string;
  /** Public address of the API (links in exports, widget, Facebook posts). */
  publicBaseUrl?: string;
  /** Where communication kit files are stored (unset: uploads are refused with a clear message). */
  files?: FileStore;
}
