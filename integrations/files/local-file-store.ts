/** Kit files in a local folder (`npm start`: DATA_DIR/kit-files; tests: a temporary folder). */
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { FileStore } from './file-store.js';

export function localFileStore(root: string): FileStore {
  const base = resolve(root);
  // Keys are built by the use case, but a path never leaves the folder whatever it holds.
  const pathOf = (key: string) => {
    const p = resolve(base, key);
    if (!p.startsWith(base + sep)) throw new Error(`file key outside the store: ${key}`);
    return p;
  };
  const missing = (err: unknown) => (err as { code?: string }).code === 'ENOENT';
  return {
    kind: 'local',
    async put(key, bytes) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, bytes);
    },
    async readStart(key, n) {
      try {
        const fh = await open(pathOf(key), 'r');
        try {
          const buf = Buffer.alloc(n);
          const { bytesRead } = await fh.read(buf, 0, n, 0);
          return new Uint8Array(buf.subarray(0, bytesRead));
        } finally {
          await fh.close();
        }
      } catch (err) {
        if (missing(err)) return undefined;
        throw err;
      }
    },
    async read(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (err) {
        if (missing(err)) return undefined;
        throw err;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
