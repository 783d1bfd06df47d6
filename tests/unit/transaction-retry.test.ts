/**
 * DynamoDB Local serialises transactions, so it never answers TransactionConflict the way
 * DynamoDB does under contention. This checks the retry policy alone, with a client that
 * answers what DynamoDB answers in that case; the integration tests cover the real writes.
 */
import { describe, expect, it } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactionConditionFailed, writeLabelledTransaction } from '../../integrations/dynamodb/transaction.js';
import type { TableRef } from '../../integrations/dynamodb/client.js';

function tableAnswering(answers: (string[] | 'ok')[]): { table: TableRef; calls: () => number } {
  let n = 0;
  const doc = {
    send: async () => {
      const a = answers[Math.min(n++, answers.length - 1)]!;
      if (a === 'ok') return {};
      throw new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: a.map((Code) => ({ Code })) });
    },
  };
  return { table: { doc: doc as unknown as TableRef['doc'], tableName: 't' }, calls: () => n };
}

const items = [
  { label: 'record', item: { Put: { TableName: 't', Item: { pk: 'a', sk: 'b' } } } },
  { label: 'directory-version', item: { Put: { TableName: 't', Item: { pk: 'meta', sk: 'v' } } } },
];

describe('transaction retries', () => {
  it('a transaction that collided with another is retried until it goes through', async () => {
    const { table, calls } = tableAnswering([['None', 'TransactionConflict'], ['None', 'TransactionConflict'], 'ok']);
    await writeLabelledTransaction(table, items);
    expect(calls()).toBe(3);
  });

  it('a failed condition is not retried and names the item', async () => {
    const { table, calls } = tableAnswering([['ConditionalCheckFailed', 'None']]);
    const err = await writeLabelledTransaction(table, items).catch((e) => e);
    expect(err).toBeInstanceOf(TransactionConditionFailed);
    expect(err.labels).toEqual(['record']);
    expect(calls()).toBe(1);
  });
});
