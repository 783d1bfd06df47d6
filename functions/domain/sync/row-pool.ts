/**
 * Rows of a tab are applied a few at a time: each creation or update is a DynamoDB
 * round trip or two, and one after the other they made a first sync of 2,000 rows take
 * minutes. Every row task commits its own record and row state atomically, so rows
 * never depend on one another once the loop has classified them (duplicate IDs, pending
 * creations), which it still does in order, before starting each task.
 */

/** How many row use cases run at once (each is one sequence number + one transaction). */
export const ROW_CONCURRENCY = 12;

export class RowPool {
  private readonly running = new Set<Promise<void>>();
  private failed = false;
  private error: unknown;

  constructor(private readonly limit = ROW_CONCURRENCY) {}

  /**
   * Waits for a free slot, then starts `task` (its synchronous part runs before this resolves,
   * so tasks start in the order they are added). After a failure, no task starts any more:
   * the ones running are waited for and the first error is thrown.
   */
  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit && !this.failed) await Promise.race(this.running);
    if (this.failed) return this.drain();
    const p: Promise<void> = task()
      .catch((err: unknown) => {
        if (!this.failed) {
          this.failed = true;
          this.error = err;
        }
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Waits for every task; throws the first error, once nothing runs any more. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
    if (this.failed) throw this.error;
  }
}

/** Runs `f` over `items` with at most `limit` calls at once; rejects with the first error once none runs. */
export async function forEachBounded<T>(items: readonly T[], limit: number, f: (item: T) => Promise<void>): Promise<void> {
  const pool = new RowPool(limit);
  for (const item of items) await pool.add(() => f(item));
  await pool.drain();
}
