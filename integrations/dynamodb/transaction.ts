/**
 * Every multi-item write of the table goes through here: directory records (with
 * their audit entry, change log and version counter), events and their outbox, and
 * the mobility writes (visit, cancellation, pass, manual entry). Items carry a label
 * so a failed condition can be told apart (stale version, capacity full, pass days
 * used up, duplicate visit, idempotency key taken), and transactions that collide on
 * a hot item (the directory version, a month's balance, a host day counter) are
 * retried: conditions are evaluated again on each attempt, so a retry can never
 * oversell a day nor overwrite a newer version.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import type { TransactItem } from './directory-repository.js';
import { cancellationReasons } from './errors.js';
import { UNAVAILABLE_DETAIL } from './retry-policy.js';
import { ServiceUnavailableError } from '../../functions/domain/errors.js';

export interface LabelledItem {
  /** Names the item in a refusal (`capacity`, `pass-usage`, `idempotency`…). */
  label: string;
  item: TransactItem;
}

/** One or more conditions of the transaction failed; nothing was written. */
export class TransactionConditionFailed extends Error {
  constructor(readonly labels: string[]) {
    super(`transaction condition failed: ${labels.join(', ')}`);
  }
}

const MAX_ATTEMPTS = 15;
const RETRYABLE = new Set(['TransactionConflictException', 'TransactionInProgressException', 'ThrottlingException', 'ProvisionedThroughputExceededException']);

function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** Writes all items or none; throws TransactionConditionFailed with the labels whose condition failed. */
export async function writeLabelledTransaction(t: TableRef, items: LabelledItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await t.doc.send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
      return;
    } catch (err) {
      const reasons = cancellationReasons(err);
      let retryable = RETRYABLE.has((err as { name?: string })?.name ?? '');
      if (reasons) {
        const failed = reasons.flatMap((r, i) => (r === 'ConditionalCheckFailed' ? [items[i]?.label ?? `item ${i}`] : []));
        if (failed.length) throw new TransactionConditionFailed(failed);
        retryable = reasons.some((r) => r === 'TransactionConflict' || r === 'ThrottlingError' || r === 'ProvisionedThroughputExceeded');
      }
      if (!retryable) throw err;
      // Still throttled or contended after every attempt: busy, not broken (503, Retry-After).
      if (attempt >= MAX_ATTEMPTS) throw new ServiceUnavailableError(UNAVAILABLE_DETAIL, { retryAfterSeconds: 2, cause: err });
      // Full jitter: spreads contenders so one of them wins each round.
      await sleep(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
  }
}
