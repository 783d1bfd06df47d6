/**
 * Background jobs of the local runtime (sync, relay…), run on timers in-process
 * when their credentials are set. Each job module registers itself here.
 */
import type { Deps } from '../functions/domain/deps.js';

export interface LocalJob {
  name: string;
  /** Starts the job when configured; returns a stop function, or a reason it is off. */
  start(deps: Deps, env: NodeJS.ProcessEnv): { stop: () => Promise<void> | void } | { off: string };
}

export const localJobs: LocalJob[] = [];
