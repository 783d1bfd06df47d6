/**
 * Child of `npm run bench -- scale`, bundled as the API's Lambda is: a fresh process (a
 * new Lambda instance) answers its first search — pointer GetItem, counter GetItem, the
 * index object (read from a file here, as S3 would hand its bytes over), the change log
 * after it, the index built, the search, the page's records by BatchGet — and reports its
 * CPU time, peak memory and the read capacity it consumed on DynamoDB Local.
 * Arguments: <index object file> <its key> <DynamoDB endpoint> <table> <search path>.
 */
import { readFileSync } from 'node:fs';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { meterCapacity } from '../../integrations/dynamodb/capacity.js';
import { MemoryObjectStore } from '../../integrations/objects/object-store.js';
import { createApp } from '../../functions/api/app.js';
import { newId } from '../../functions/domain/ids.js';

const [file, key, endpoint, tableName, path] = process.argv.slice(2) as [string, string, string, string, string];
// VmHWM, not getrusage's maxRSS: Linux carries maxRSS over from the forking parent (the bench).
const peakMB = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
const baseRssMB = peakMB();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const table = createTableRef({ tableName, endpoint });
const meter = meterCapacity(table.doc);
// The object store hands over the bytes the pointer names, read once (counted below).
let objectReads = 0;
const objects = new MemoryObjectStore();
const get = objects.get.bind(objects);
objects.get = async (k) => {
  objectReads++;
  if (k === key && !(await get(k))) await objects.put(k, readFileSync(file), 'application/gzip');
  return get(k);
};
const app = createApp({ table, now: () => new Date(), newId: () => newId(), adminToken: 'bench-admin-token-0123456789', objects });
const res = await app.request(path);
const body = (await res.json()) as { items: unknown[] };
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
console.log(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMB: peakMB(), baseRssMB, rcu: meter.read, objectReads, items: body.items.length }));
process.exit(0);
