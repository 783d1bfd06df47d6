import type { Deps } from '../domain/deps.js';
import type { Actor } from '../domain/actor.js';

/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    actor: Actor;
  };
}
