/**
 * Airtable allows 5 requests per second per base: a sliding window of request
 * times, shared by every client of the same base in this process.
 */
export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export class RateLimiter {
  private slots: { t: number }[] = [];
  private queue: Promise<void> = Promise.resolve();

  /**
   * The service counts requests when they arrive, which may be later than when they left
   * (a busy event loop, network jitter): a request's slot is therefore re-dated to when its
   * answer came back, a time by which the service surely counted it. A 429 costs 30 s.
   */
  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock = realClock,
    private readonly windowMs = 1050,
  ) {}

  /** Resolves when one more request may start, with a function to call when its answer arrived. */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = this.clock.now();
        this.slots = this.slots.filter((s) => s.t > now - this.windowMs);
        if (this.slots.length < this.perSecond) {
          const slot = { t: now };
          this.slots.push(slot);
          return () => void (slot.t = Math.max(slot.t, this.clock.now()));
        }
        const oldest = Math.min(...this.slots.map((s) => s.t));
        await this.clock.sleep(Math.max(1, oldest + this.windowMs - now));
      }
    });
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
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
