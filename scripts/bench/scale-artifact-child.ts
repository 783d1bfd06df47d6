/**
 * Child of `npm run bench -- scale`: a fresh process (a new Lambda instance) builds the
 * directory index from an artifact file and reports its CPU time and peak memory.
 */
import { readFileSync } from 'node:fs';
import { indexFromArtifact } from '../../functions/domain/directory/index-artifact.js';

const bytes = readFileSync(process.argv[2]!);
const rssBefore = process.resourceUsage().maxRSS;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const index = indexFromArtifact(bytes);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const found = index.resourceIndex.search({ terms: ['atelier', 'bois'] }, 25).length;
console.log(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024, baseRssMB: rssBefore / 1024, heapMB: process.memoryUsage().heapUsed / 1e6, resources: index.resourceIndex.size, found }));
