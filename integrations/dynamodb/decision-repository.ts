/**
 * Access patterns of collective decisions:
 * - getProposalItem            GetItem pk=dec#proposal#<id>, strongly consistent
 * - listProposalItems          Query gsi1 dec#proposals (by creation)
 * - listDueProposalItems       Query gsi2 dec#due ≤ now (scheduled openings, votes to close)
 * - listClosedProposalItems    Query gsi2 dec#closed, newest close first (the archive)
 * - listVoteItems / listProxyStateItems   Query the proposal's partition, one round's prefix
 * - getProxyStateItem, getBallotItem      GetItem
 *
 * Every state change of a proposal is a conditional update (the status and round it
 * expects), written with its audit entry in one transaction. Votes and proxies carry a
 * ConditionCheck on the proposal (open, this round, not closing): the close first marks the
 * proposal `closing` (which every later vote fails), then reads the votes strongly
 * consistent, so a vote is either committed before the mark, and counted, or refused.
 */
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './client.js';
import { keys } from './keys.js';
import { queryAll, stripKeys } from './query-all.js';
import { auditPut } from './audit-repository.js';
import { writeLabelledTransaction, type LabelledItem } from './transaction.js';
import type { AuditEntry } from '../../schemas/audit.js';
import type { DecisionResult, Elector, StoredProposal } from '../../schemas/decision.js';

type Item = Record<string, unknown>;

async function getItem(t: TableRef, key: { pk: string; sk: string }): Promise<Item | undefined> {
  const out = await t.doc.send(new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true }));
  return out.Item ? stripKeys(out.Item) : undefined;
}



export function getProposalItem(t: TableRef, proposalId: string): Promise<Item | undefined> {
  return getItem(t, keys.proposal(proposalId));
}

function proposalIndexes(p: StoredProposal): Item {
  const due = p.status === 'draft' ? p.opensAt : p.status === 'open' ? p.closesAt : undefined;
  return {
    ...keys.proposalByCreation(p.createdAt, p.id),
    ...(p.status === 'closed' && p.result ? keys.decisionClosed(p.result.closedAt, p.id) : due ? keys.proposalDue(due, p.id) : {}),
  };
}

function auditItem(t: TableRef, audit: AuditEntry): LabelledItem {
  return { label: 'audit', item: auditPut(t, audit) };
}

/** A new proposal (id never used before). */
export async function putNewProposalItem(t: TableRef, p: StoredProposal, audits: AuditEntry[]): Promise<void> {
  await writeLabelledTransaction(t, [
    { label: 'proposal', item: { Put: { TableName: t.tableName, Item: { ...keys.proposal(p.id), ...proposalIndexes(p), entity: 'proposal', ...p }, ConditionExpression: 'attribute_not_exists(pk)' } } },
    ...audits.map((a) => auditItem(t, a)),
  ]);
}

/**
 * Replaces the proposal if it is still at `expectedVersion` (label `proposal` on a stale
 * version). Only for transitions no vote can run alongside: open (from draft), the final write
 * of a close (votes already refused by `closing`), second call (from closed).
 */
export async function replaceProposalItem(t: TableRef, p: StoredProposal, expectedVersion: number, audits: AuditEntry[]): Promise<void> {
  const { closing, ...rest } = p;
  await writeLabelledTransaction(t, [
    {
      label: 'proposal',
      item: {
        Put: {
          TableName: t.tableName,
          Item: { ...keys.proposal(p.id), ...proposalIndexes(p), entity: 'proposal', ...rest, ...(closing ? { closing } : {}) },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        },
      },
    },
    ...audits.map((a) => auditItem(t, a)),
  ]);
}

/** The ConditionCheck every vote, proxy and voting-link write carries. */
function openRoundCheck(t: TableRef, proposalId: string, round: number): LabelledItem {
  return {
    label: 'proposal',
    item: {
      ConditionCheck: {
        TableName: t.tableName,
        Key: keys.proposal(proposalId),
        ConditionExpression: '#status = :open AND #round = :round AND attribute_not_exists(closing)',
        ExpressionAttributeNames: { '#status': 'status', '#round': 'round' },
        ExpressionAttributeValues: { ':open': 'open', ':round': round },
      },
    },
  };
}

/** First write of a close: from now on every vote of this round fails its ConditionCheck. */
export async function markProposalClosing(t: TableRef, proposalId: string, round: number): Promise<void> {
  await writeLabelledTransaction(t, [
    {
      label: 'proposal',
      item: {
        Update: {
          TableName: t.tableName,
          Key: keys.proposal(proposalId),
          UpdateExpression: 'SET closing = :true',
          ConditionExpression: '#status = :open AND #round = :round',
          ExpressionAttributeNames: { '#status': 'status', '#round': 'round' },
          ExpressionAttributeValues: { ':open': 'open', ':round': round, ':true': true },
        },
      },
    },
  ]);
}

/** Last write of a close: the result, once (the proposal must still be `closing` in this round). */
export async function storeProposalResult(t: TableRef, p: StoredProposal, result: DecisionResult, audit: AuditEntry): Promise<void> {
  const closed: StoredProposal = { ...p, status: 'closed', result, updatedAt: result.closedAt, version: p.version + 1 };
  delete closed.closing;
  await writeLabelledTransaction(t, [
    {
      label: 'proposal',
      item: {
        Put: {
          TableName: t.tableName,
          Item: { ...keys.proposal(p.id), ...proposalIndexes(closed), entity: 'proposal', ...closed },
          ConditionExpression: '#status = :open AND #round = :round AND closing = :true AND attribute_not_exists(#result)',
          ExpressionAttributeNames: { '#status': 'status', '#round': 'round', '#result': 'result' },
          ExpressionAttributeValues: { ':open': 'open', ':round': p.round, ':true': true },
        },
      },
    },
    auditItem(t, audit),
  ]);
}

export async function listProposalItems(t: TableRef): Promise<Item[]> {
  const k = keys.proposalsByCreation();
  const items = await queryAll(t, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': k.gsi1pk }, ScanIndexForward: false });
  return items.map(stripKeys);
}

/** Proposals whose opening or close is due at `nowIso` (a GSI read: the caller re-reads each one strongly consistent). */
export async function listDueProposalItems(t: TableRef, nowIso: string): Promise<Item[]> {
  const k = keys.proposalsDue();
  const items = await queryAll(t, { IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now', ExpressionAttributeValues: { ':pk': k.gsi2pk, ':now': `${nowIso}#~` } });
  return items.map(stripKeys);
}

export async function listClosedProposalItems(t: TableRef): Promise<Item[]> {
  const k = keys.decisionsClosed();
  const items = await queryAll(t, { IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': k.gsi2pk }, ScanIndexForward: false });
  return items.map(stripKeys);
}

export async function listVoteItems(t: TableRef, proposalId: string, round: number): Promise<Item[]> {
  const k = keys.votesOfRound(proposalId, round);
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix }, ConsistentRead: true });
  return items.map(stripKeys);
}

export async function listProxyStateItems(t: TableRef, proposalId: string, round: number): Promise<Item[]> {
  const k = keys.proxyStatesOfRound(proposalId, round);
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix }, ConsistentRead: true });
  return items.map(stripKeys);
}

export function getProxyStateItem(t: TableRef, proposalId: string, round: number, placeId: string): Promise<Item | undefined> {
  return getItem(t, keys.proxyState(proposalId, round, placeId));
}

/**
 * A vote: replaces the place's vote of this round. A proxy holder's vote (`by: proxy`) is
 * written only while the place has not voted itself (label `own-vote`) and only while the
 * proxy is still given to that holder (label `proxy`).
 */
export async function putVoteItem(t: TableRef, proposalId: string, round: number, vote: Item & { placeId: string; by: string }, audit: AuditEntry): Promise<void> {
  const items: LabelledItem[] = [openRoundCheck(t, proposalId, round)];
  const put = { TableName: t.tableName, Item: { ...keys.vote(proposalId, round, vote.placeId), entity: 'vote', ...vote } };
  if (vote.by === 'proxy') {
    items.push({ label: 'own-vote', item: { Put: { ...put, ConditionExpression: 'attribute_not_exists(pk) OR #by = :proxy', ExpressionAttributeNames: { '#by': 'by' }, ExpressionAttributeValues: { ':proxy': 'proxy' } } } });
    items.push({
      label: 'proxy',
      item: { ConditionCheck: { TableName: t.tableName, Key: keys.proxyState(proposalId, round, vote.placeId), ConditionExpression: 'gaveTo = :holder', ExpressionAttributeValues: { ':holder': vote.proxyPlaceId } } },
    });
  } else {
    items.push({ label: 'vote', item: { Put: put } });
  }
  items.push(auditItem(t, audit));
  await writeLabelledTransaction(t, items);
}

/**
 * A proxy from `from` to `to`, replacing `from`'s earlier proxy (`previousTo`, read before).
 * Conditions: `from` holds none and still gave to `previousTo` (label `from`); `to` gave its own
 * vote to nobody and holds fewer than `maxHeld` (label `to`).
 */
export async function putProxyItems(
  t: TableRef,
  o: { proposalId: string; round: number; from: string; to: string; previousTo?: string; maxHeld: number; at: string; actor: string },
  audit: AuditEntry,
): Promise<void> {
  const items: LabelledItem[] = [openRoundCheck(t, o.proposalId, o.round)];
  items.push({
    label: 'from',
    item: {
      Update: {
        TableName: t.tableName,
        Key: keys.proxyState(o.proposalId, o.round, o.from),
        UpdateExpression: 'SET entity = :entity, placeId = :from, gaveTo = :to, gaveAt = :at, gaveBy = :actor',
        ConditionExpression: `(attribute_not_exists(held) OR held = :zero) AND ${o.previousTo ? 'gaveTo = :prev' : 'attribute_not_exists(gaveTo)'}`,
        ExpressionAttributeValues: { ':entity': 'proxy-state', ':from': o.from, ':to': o.to, ':at': o.at, ':actor': o.actor, ':zero': 0, ...(o.previousTo ? { ':prev': o.previousTo } : {}) },
      },
    },
  });
  items.push({
    label: 'to',
    item: {
      Update: {
        TableName: t.tableName,
        Key: keys.proxyState(o.proposalId, o.round, o.to),
        UpdateExpression: 'SET entity = :entity, placeId = :to ADD held :one',
        ConditionExpression: 'attribute_not_exists(gaveTo) AND (attribute_not_exists(held) OR held < :max)',
        ExpressionAttributeValues: { ':entity': 'proxy-state', ':to': o.to, ':one': 1, ':max': o.maxHeld },
      },
    },
  });
  if (o.previousTo) {
    items.push({
      label: 'previous',
      item: {
        Update: {
          TableName: t.tableName,
          Key: keys.proxyState(o.proposalId, o.round, o.previousTo),
          UpdateExpression: 'ADD held :minus',
          ConditionExpression: 'held > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        },
      },
    });
  }
  items.push(auditItem(t, audit));
  await writeLabelledTransaction(t, items);
}

/** New voting links: the proposal's link generation moves (revoking earlier links) with the first batch. */
export async function putBallotItems(t: TableRef, o: { proposalId: string; round: number; generation: number; expiresAtEpoch: number; ballots: { tokenHash: string; placeId: string }[] }, audit: AuditEntry): Promise<void> {
  await writeLabelledTransaction(t, [
    {
      label: 'proposal',
      item: {
        Update: {
          TableName: t.tableName,
          Key: keys.proposal(o.proposalId),
          UpdateExpression: 'SET ballotGeneration = :g',
          ConditionExpression: '#status = :open AND #round = :round AND attribute_not_exists(closing)',
          ExpressionAttributeNames: { '#status': 'status', '#round': 'round' },
          ExpressionAttributeValues: { ':open': 'open', ':round': o.round, ':g': o.generation },
        },
      },
    },
    auditItem(t, audit),
  ]);
  const puts = o.ballots.map((b) => ({
    PutRequest: { Item: { ...keys.ballot(b.tokenHash), entity: 'ballot', proposalId: o.proposalId, placeId: b.placeId, round: o.round, generation: o.generation, ttl: o.expiresAtEpoch } },
  }));
  for (let i = 0; i < puts.length; i += 25) {
    let pending: typeof puts | undefined = puts.slice(i, i + 25);
    for (let attempt = 0; pending?.length && attempt < 10; attempt++) {
      const out = await t.doc.send(new BatchWriteCommand({ RequestItems: { [t.tableName]: pending } }));
      pending = out.UnprocessedItems?.[t.tableName] as typeof puts | undefined;
      if (pending?.length) await new Promise((ok) => setTimeout(ok, 50 * 2 ** attempt));
    }
    if (pending?.length) throw new Error('voting links could not all be written');
  }
}

export function getBallotItem(t: TableRef, tokenHash: string): Promise<Item | undefined> {
  return getItem(t, keys.ballot(tokenHash));
}

export type { Elector };
