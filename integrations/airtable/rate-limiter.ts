/**
 * Airtable allows 5 requests per second per base: a sliding window of request
 * start times, shared by every client of the same base in this process.
 */
export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export class RateLimiter {
  private starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  /**
   * `windowMs` is a little over a second: the service counts arrivals, and a request that
   * left late (busy event loop) must not land in the same second as the next one (a 429
   * costs 30 s).
   */
  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock = realClock,
    private readonly windowMs = 1100,
  ) {}

  /** Resolves when one more request may start; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = this.clock.now();
        this.starts = this.starts.filter((t) => t > now - this.windowMs);
        if (this.starts.length < this.perSecond) {
          this.starts.push(now);
          return;
        }
        await this.clock.sleep(this.starts[0]! + this.windowMs - now);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

const perBase = new Map<string, RateLimiter>();

/** The process-wide limiter of one base. */
export function limiterForBase(baseId: string, perSecond: number, clock?: Clock): RateLimiter {
  const key = `${baseId}:${perSecond}`;
  let l = perBase.get(key);
  if (!l) perBase.set(key, (l = new RateLimiter(perSecond, clock)));
  return l;
}
