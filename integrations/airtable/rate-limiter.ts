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

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock = realClock,
  ) {}

  /** Resolves when one more request may start; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = this.clock.now();
        this.starts = this.starts.filter((t) => t > now - 1000);
        if (this.starts.length < this.perSecond) {
          this.starts.push(now);
          return;
        }
        await this.clock.sleep(this.starts[0]! + 1000 - now);
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
