/** Who is calling. Resolved once per request from the bearer token. */
export type Actor =
  | { role: 'public' }
  | { role: 'admin'; id: 'admin' }
  | { role: 'manager'; id: string; placeId: string }
  | { role: 'integration'; id: string }
  /** The rotating coordinator's token: logs coordination visits, reads the plans and visits, nothing else. */
  | { role: 'coordinator'; id: string }
  /** In-process jobs (sync, relay) act under their own name. */
  | { role: 'system'; id: string };

export const PUBLIC: Actor = { role: 'public' };

/** How the audit trail names an actor. */
export function actorLabel(a: Actor): string {
  switch (a.role) {
    case 'public':
      return 'public';
    case 'admin':
      return 'admin';
    case 'manager':
      return `manager:${a.id}@${a.placeId}`;
    case 'integration':
      return `integration:${a.id}`;
    case 'coordinator':
      return `coordinator:${a.id}`;
    case 'system':
      return a.id;
  }
}
