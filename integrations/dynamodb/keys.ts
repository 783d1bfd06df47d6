/**
 * Every key value of the single table is built here, and only here.
 * Values name the entity (and a schema version where it may change) so an item
 * read from the table tells what it is.
 *
 * Directory records live in one partition per entity type (`dir#place` …) so the
 * whole directory can be loaded with a strongly consistent Query (no GSI lag, no Scan).
 */
export type DirectoryType = 'place' | 'resource' | 'person';

/**
 * What a page cursor (a Query's start key, handed to the caller and back) must hold:
 * exactly these attributes, each an exact value or accepted by a test. DynamoDB refuses a
 * start key outside the Query's key condition, so a tampered cursor is caught before.
 */
export type CursorShape = Record<string, string | ((v: string) => boolean)>;
const startsWith = (prefix: string) => (v: string) => v.startsWith(prefix);

/** A free volunteer name as an index value: « Héloïse  Quintavalle » and « héloïse quintavalle » meet. */
export function volunteerNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('fr');
}

function contributionVolunteerKey(who: { personId?: string; volunteerName?: string }, date: string, id: string): { gsi2pk?: string; gsi2sk?: string } {
  if (who.personId) return { gsi2pk: `contrib#person#${who.personId}`, gsi2sk: `${date}#${id}` };
  if (who.volunteerName?.trim()) return { gsi2pk: `contrib#volunteer#${volunteerNameKey(who.volunteerName)}`, gsi2sk: `${date}#${id}` };
  return {};
}

export const keys = {
  directoryRecord: (type: DirectoryType, id: string) => ({ pk: `dir#${type}`, sk: `${type}#v1#${id}` }),
  directoryPartition: (type: DirectoryType) => ({ pk: `dir#${type}`, skPrefix: `${type}#v1#` }),
  /** One counter bumped by every directory write; readers compare it to their cache. */
  directoryVersion: () => ({ pk: 'meta', sk: 'directory-version' }),
  /**
   * A short-lived copy of each directory write under its sequence number (the counter's
   * value after that write, zero-padded so the sort key orders numerically): a cache at
   * sequence n reads exactly the writes after n, gap-free and without clocks.
   */
  directoryChange: (seq: number) => ({ pk: 'dir#changelog', sk: `seq#${String(seq).padStart(12, '0')}` }),
  /** Which index artifact (object key, sequence number) a new instance loads. */
  directoryArtifact: () => ({ pk: 'meta', sk: 'directory-artifact' }),
  directoryChangesAfter: (seq: number) => ({ pk: 'dir#changelog', skAfter: `seq#${String(seq).padStart(12, '0')}` }),

  /** The keys that sign volunteers' links (newest first; older ones still verify until dropped). */
  linkSigningKeys: () => ({ pk: 'meta', sk: 'link-signing-keys' }),

  /** One marker per month and place once its freshness e-mail went out (a month's digest is sent once). */
  freshnessDigestSent: (month: string, placeId: string) => ({ pk: `freshness#digest#${month}`, sk: `place#${placeId}` }),

  token: (tokenId: string) => ({ pk: 'token', sk: `token#${tokenId}` }),
  tokenPartition: () => ({ pk: 'token', skPrefix: 'token#' }),

  audit: (entityId: string, auditId: string) => ({
    pk: `audit#${entityId}`,
    sk: `audit#${auditId}`,
    gsi1pk: 'audit',
    gsi1sk: auditId,
  }),
  auditPartition: (entityId: string) => ({ pk: `audit#${entityId}`, skPrefix: 'audit#' }),
  auditAll: () => ({ gsi1pk: 'audit' }),
  auditCursor: (entityId?: string): CursorShape =>
    entityId ? { pk: `audit#${entityId}`, sk: startsWith('audit#') } : { pk: startsWith('audit#'), sk: startsWith('audit#'), gsi1pk: 'audit', gsi1sk: () => true },

  // --- personal data (retention settings, audit details purge) ---
  retentionSettings: () => ({ pk: 'privacy#settings', sk: 'retention' }),
  /** The audit id (time-ordered ULID) up to which the details (before/after) were purged. */
  auditPurgeMark: () => ({ pk: 'meta', sk: 'audit-purge-mark' }),

  // --- mobility keys (settings, passes, visits, ledger) ---
  // Counters (host day capacity, pass usage) persist; only idempotency records carry `ttl`.
  mobilitySettings: () => ({ pk: 'mob#settings', sk: 'mobility' }),
  /** Passes live in their person's partition; gsi1 lists every pass. */
  pass: (personId: string, passId: string) => ({ pk: `mob#person#${personId}`, sk: `pass#${passId}`, gsi1pk: 'mob#passes', gsi1sk: passId }),
  passesOfPerson: (personId: string) => ({ pk: `mob#person#${personId}`, skPrefix: 'pass#' }),
  allPasses: () => ({ gsi1pk: 'mob#passes' }),
  /** Days used of a pass in one period (`YYYY-MM` or `YYYY`). */
  passUsage: (passId: string, period: string) => ({ pk: `mob#pass#${passId}`, sk: `usage#${period}` }),
  passUsagePartition: (passId: string) => ({ pk: `mob#pass#${passId}`, skPrefix: 'usage#' }),
  /** Visitors counted at a host on a day, and one marker per person there that day. */
  hostDay: (placeId: string, date: string) => ({ pk: `mob#host#${placeId}`, sk: `day#${date}` }),
  hostDayPerson: (placeId: string, date: string, personId: string) => ({ pk: `mob#host#${placeId}`, sk: `day#${date}#person#${personId}` }),
  /** The visit itself (by id); gsi1 lists a month's visits network-wide. */
  visit: (visitId: string, date: string) => ({ pk: `mob#visit#${visitId}`, sk: 'visit', gsi1pk: `mob#visits#${date.slice(0, 7)}`, gsi1sk: `${date}#${visitId}` }),
  visitById: (visitId: string) => ({ pk: `mob#visit#${visitId}`, sk: 'visit' }),
  visitsOfMonth: (month: string) => ({ gsi1pk: `mob#visits#${month}` }),
  /** Copies of a visit in its host's and its home place's partition (received / sent), sorted by date. */
  placeVisit: (placeId: string, date: string, visitId: string, role: 'host' | 'home') => ({ pk: `mob#place#${placeId}#visits`, sk: `${date}#${visitId}#${role}` }),
  placeVisitsPartition: (placeId: string) => ({ pk: `mob#place#${placeId}#visits` }),
  personVisit: (personId: string, date: string, visitId: string) => ({ pk: `mob#person#${personId}`, sk: `visit#${date}#${visitId}` }),
  personVisitsPartition: (personId: string) => ({ pk: `mob#person#${personId}`, skPrefix: 'visit#' }),
  /** Reservations not yet checked in, by day (the release job reads the days gone by). */
  openReservation: (date: string, visitId: string) => ({ pk: 'mob#reservations#open', sk: `${date}#${visitId}` }),
  openReservations: () => ({ pk: 'mob#reservations#open' }),
  /** Check-ins waiting for the host's confirmation, by the time they confirm themselves. */
  pendingCheckin: (confirmBy: string, visitId: string) => ({ pk: 'mob#checkins#pending', sk: `${confirmBy}#${visitId}` }),
  pendingCheckins: () => ({ pk: 'mob#checkins#pending' }),
  /** Idempotency records are scoped by caller and expire (attribute `ttl`). */
  idempotency: (scope: string, key: string) => ({ pk: `mob#idem#${scope}#${key}`, sk: 'idem' }),
  /** gsi2 lists idempotency records by expiry, for the retention purge (DynamoDB TTL deletes them too, lazily). */
  idempotencyByExpiry: (ttl: number, scope: string, key: string) => ({ gsi2pk: 'mob#idem#by-expiry', gsi2sk: `${String(ttl).padStart(12, '0')}#${scope}#${key}` }),
  idempotencyExpiringBefore: (ttl: number) => ({ gsi2pk: 'mob#idem#by-expiry', gsi2skBefore: `${String(ttl).padStart(12, '0')}#` }),
  /** Journal entries in their month's partition, sorted by date. */
  ledgerEntry: (date: string, entryId: string) => ({ pk: `ledger#${date.slice(0, 7)}`, sk: `entry#${date}#${entryId}` }),
  ledgerMonth: (month: string) => ({ pk: `ledger#${month}`, skPrefix: 'entry#' }),
  /** A copy of each entry in the partition of every account it touches. */
  ledgerAccountEntry: (account: string, date: string, entryId: string) => ({ pk: `ledger#account#${account}`, sk: `${date}#${entryId}` }),
  ledgerAccount: (account: string) => ({ pk: `ledger#account#${account}` }),
  /** Entries of an account between two days (the Query's `sk BETWEEN from AND to~`). */
  ledgerAccountCursor: (account: string, from: string, to: string): CursorShape => ({ pk: `ledger#account#${account}`, sk: (v) => v >= from && v <= `${to}~` }),
  /**
   * Running balance of an account for a month: scope `all` (every posting) or
   * `org` (postings between two organisations only: what a settlement nets).
   */
  ledgerBalance: (month: string, scope: 'all' | 'org', account: string) => ({ pk: `ledger#balances#${month}`, sk: `${scope}#${account}` }),
  ledgerBalances: (month: string, scope: 'all' | 'org') => ({ pk: `ledger#balances#${month}`, skPrefix: `${scope}#` }),

  // --- check-in keys (posters, member cards) ---
  /** The current version of a place's poster token and of a person's card token (rotation bumps it). */
  posterState: (placeId: string) => ({ pk: `checkin#poster#${placeId}`, sk: 'poster' }),
  cardState: (personId: string) => ({ pk: `checkin#card#${personId}`, sk: 'card' }),
  /** A personal code printed on a card → its person (stored as a hash of the code). */
  cardCode: (codeHash: string) => ({ pk: `checkin#code#${codeHash}`, sk: 'code' }),
  /** The key that signs poster and card tokens (created on first use). */
  checkinTokenKey: () => ({ pk: 'meta', sk: 'checkin-token-key' }),
  /** Requests counted per token and minute (expire with `ttl`). */
  tokenRate: (tokenHash: string, minute: string) => ({ pk: `checkin#rate#${tokenHash}`, sk: minute }),

  // --- sync keys (sheet row state, cursors, leases) ---
  /** Sync state of one record in one tab of one spreadsheet provider (all rows of a tab in one partition). */
  syncRow: (provider: string, tab: string, recordId: string) => ({ pk: `sync#${provider}#${tab}`, sk: `row#${recordId}` }),
  syncRowPartition: (provider: string, tab: string) => ({ pk: `sync#${provider}#${tab}`, skPrefix: 'row#' }),
  /** One round at a time per provider (scheduled, pushed and manual rounds may overlap). */
  syncLease: (provider: string) => ({ pk: `sync#${provider}`, sk: 'lease' }),
  syncLastRound: (provider: string) => ({ pk: `sync#${provider}`, sk: 'last-round' }),
  /** What was last written to a tab the API owns (`Relevés`): its content hash and when the tab was last checked. */
  syncOwnedTab: (provider: string, tab: string) => ({ pk: `sync#${provider}`, sk: `owned-tab#${tab}` }),
  /** Airtable webhook: payload cursor and expiry. */
  syncWebhook: (provider: string, webhookId: string) => ({ pk: `sync#${provider}`, sk: `webhook#${webhookId}` }),
  syncWebhookPartition: (provider: string) => ({ pk: `sync#${provider}`, skPrefix: 'webhook#' }),

  // --- events keys (events, outbox) ---
  /**
   * An event and its relay state share one partition (read together, strongly consistent).
   * Index entries sort by the event's end (UTC), so "upcoming" = end ≥ now.
   */
  event: (eventId: string) => ({ pk: `event#${eventId}`, sk: 'event#v1' }),
  eventPartition: (eventId: string) => ({ pk: `event#${eventId}` }),
  eventByEnd: (endUtc: string, eventId: string) => ({ gsi1pk: 'event#v1#by-end', gsi1sk: `${endUtc}#${eventId}` }),
  eventsByEnd: () => ({ gsi1pk: 'event#v1#by-end' }),
  eventByPlace: (placeId: string, endUtc: string, eventId: string) => ({ gsi2pk: `event#v1#place#${placeId}`, gsi2sk: `${endUtc}#${eventId}` }),
  eventsByPlace: (placeId: string) => ({ gsi2pk: `event#v1#place#${placeId}` }),
  /** The outbox: one relay item per event and channel, written in the event's transaction. */
  eventRelay: (eventId: string, channel: 'facebook') => ({ pk: `event#${eventId}`, sk: `relay#${channel}` }),
  /** Sparse index of relay items waiting for the relay, by due time. */
  relayDue: (dueUtc: string, eventId: string) => ({ gsi1pk: 'relay#due', gsi1sk: `${dueUtc}#${eventId}` }),
  relaysDue: () => ({ gsi1pk: 'relay#due' }),

  // --- decisions keys (governance settings, proposals, votes, proxies, voting links) ---
  governanceSettings: () => ({ pk: 'dec#settings', sk: 'governance' }),
  /** A proposal, its votes and its proxies share one partition (read together, strongly consistent). */
  proposal: (proposalId: string) => ({ pk: `dec#proposal#${proposalId}`, sk: 'proposal#v1' }),
  /** gsi1 lists every proposal by creation. */
  proposalByCreation: (createdAt: string, proposalId: string) => ({ gsi1pk: 'dec#proposals', gsi1sk: `${createdAt}#${proposalId}` }),
  proposalsByCreation: () => ({ gsi1pk: 'dec#proposals' }),
  /** gsi2 while waiting (a scheduled opening or an open vote, by due time), then the archive once closed (by close time). */
  proposalDue: (dueAt: string, proposalId: string) => ({ gsi2pk: 'dec#due', gsi2sk: `${dueAt}#${proposalId}` }),
  proposalsDue: () => ({ gsi2pk: 'dec#due' }),
  decisionClosed: (closedAt: string, proposalId: string) => ({ gsi2pk: 'dec#closed', gsi2sk: `${closedAt}#${proposalId}` }),
  decisionsClosed: () => ({ gsi2pk: 'dec#closed' }),
  /** One vote per place and round (a second call starts a new round with no votes). */
  vote: (proposalId: string, round: number, placeId: string) => ({ pk: `dec#proposal#${proposalId}`, sk: `round#${String(round).padStart(2, '0')}#vote#${placeId}` }),
  votesOfRound: (proposalId: string, round: number) => ({ pk: `dec#proposal#${proposalId}`, skPrefix: `round#${String(round).padStart(2, '0')}#vote#` }),
  /** A place's proxy state in a round: to whom it gave its vote (`gaveTo`) and how many it holds (`held`). */
  proxyState: (proposalId: string, round: number, placeId: string) => ({ pk: `dec#proposal#${proposalId}`, sk: `round#${String(round).padStart(2, '0')}#proxy#${placeId}` }),
  proxyStatesOfRound: (proposalId: string, round: number) => ({ pk: `dec#proposal#${proposalId}`, skPrefix: `round#${String(round).padStart(2, '0')}#proxy#` }),
  /** A voting link, found by the SHA-256 of its token (the token itself is never stored). */
  ballot: (tokenHash: string) => ({ pk: `dec#ballot#${tokenHash}`, sk: 'ballot' }),
  // --- network finances (memberships, budget lines, yearly budget) ---
  /** A year's membership campaign (default fee, due day) and one item per member place (fee, amount posted). */
  membershipCampaign: (year: string) => ({ pk: `fin#memberships#${year}`, sk: 'campaign' }),
  membership: (year: string, placeId: string) => ({ pk: `fin#memberships#${year}`, sk: `place#${placeId}` }),
  membershipsOfYear: (year: string) => ({ pk: `fin#memberships#${year}`, skPrefix: 'place#' }),
  /** Budget lines in their year's partition, sorted by date; a pointer by id finds a line's year. */
  budgetLine: (year: string, date: string, lineId: string) => ({ pk: `fin#lines#${year}`, sk: `line#${date}#${lineId}` }),
  budgetLinesOfYear: (year: string) => ({ pk: `fin#lines#${year}`, skPrefix: 'line#' }),
  budgetLinePointer: (lineId: string) => ({ pk: `fin#line#${lineId}`, sk: 'pointer' }),
  yearBudget: (year: string) => ({ pk: `fin#budget#${year}`, sk: 'budget' }),

  // --- communication kit (assets in one partition: a network's kit is a few hundred items) ---
  kitAsset: (assetId: string) => ({ pk: 'kit', sk: `asset#v1#${assetId}` }),
  kitAssets: () => ({ pk: 'kit', skPrefix: 'asset#v1#' }),
  /** A pending upload (its token stored hashed), expiring with `ttl`. */
  kitUpload: (uploadId: string) => ({ pk: `kit#upload#${uploadId}`, sk: 'upload' }),
  // --- valuation keys (contributions, settings) and coordination (rotations, visits) ---
  /**
   * A contribution by id; gsi1 lists a year's contributions by date (a report reads one year);
   * gsi2 lists a volunteer's contributions, by person id or by the free volunteer name
   * (normalised), for the personal-data export and erasure (one Query, not a sweep of years).
   * An in-kind gift with neither has no gsi2 entry. The gsi2 attributes are part of the
   * contribution item itself, so they are written by the same Put as every create/update/archive.
   */
  contribution: (id: string, date: string, who: { personId?: string; volunteerName?: string }) => ({
    pk: `contrib#${id}`,
    sk: 'contrib#v1',
    gsi1pk: `contrib#year#${date.slice(0, 4)}`,
    gsi1sk: `${date}#${id}`,
    ...contributionVolunteerKey(who, date, id),
  }),
  contributionById: (id: string) => ({ pk: `contrib#${id}`, sk: 'contrib#v1' }),
  contributionsOfYear: (year: number) => ({ gsi1pk: `contrib#year#${year}` }),
  contributionsOfPerson: (personId: string) => ({ gsi2pk: `contrib#person#${personId}` }),
  contributionsOfVolunteerName: (name: string) => ({ gsi2pk: `contrib#volunteer#${volunteerNameKey(name)}` }),
  valuationSettings: () => ({ pk: 'valuation#settings', sk: 'valuation' }),
  /** A rotation plan, read by id only. */
  rotation: (id: string) => ({ pk: `coord#rotation#${id}`, sk: 'rotation#v1' }),
  /** A coordinator's visit, in one partition sorted by date (gsi2 by place). */
  coordinationVisit: (date: string, id: string, placeId: string) => ({ pk: 'coord#visits', sk: `${date}#${id}`, gsi2pk: `coord#visits#place#${placeId}`, gsi2sk: `${date}#${id}` }),
  coordinationVisits: () => ({ pk: 'coord#visits' }),
  coordinationVisitsOfPlace: (placeId: string) => ({ gsi2pk: `coord#visits#place#${placeId}` }),
  /** The start of a visit's recording, by its idempotency key (sha-256): the ids a retry reuses. */
  coordinationVisitIntent: (keyHash: string) => ({ pk: `coord#visit-intent#${keyHash}`, sk: 'intent' }),
};
