/**
 * The monthly freshness digest: every place with stale records gets its link (shown in
 * the sheet's « À vérifier » tab and in `GET /v1/freshness/links`) and, when SES is set
 * up and the place has an e-mail address, the same digest by e-mail — once per month.
 */
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { DEFAULT_OLDER_THAN_DAYS, listFreshnessLinks, type FreshnessLink } from './freshness-links.js';
import { loadDirectorySnapshot } from './snapshot.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import type { EmailSender } from '../../../integrations/ses/email-sender.js';
import { dayInWords, monthLabel, plural } from '../text/fr.js';
import { NETWORK_NAME } from '../../api/pages/layout.js';

export interface DigestResult {
  month: string;
  links: number;
  emailed: string[];
  skipped: { placeId: string; reason: string }[];
  failed: { placeId: string; error: string }[];
}

const SYSTEM = { role: 'system', id: 'fraicheur-mensuelle' } as const;

export function digestText(link: FreshnessLink, olderThanDays: number): { subject: string; text: string } {
  return {
    subject: `${link.placeName} : ${plural(link.staleCount, 'fiche', 'fiches')} à vérifier dans l’annuaire du réseau`,
    text: [
      'Bonjour,',
      '',
      `${plural(link.staleCount, 'fiche', 'fiches')} de ${link.placeName} ${link.staleCount > 1 ? 'n’ont' : 'n’a'} pas été ${link.staleCount > 1 ? 'vérifiées' : 'vérifiée'} depuis plus de ${plural(olderThanDays, 'jour', 'jours')}.`,
      'Quelques minutes suffisent : pour chaque fiche, un bouton « Toujours exact », « À modifier » ou « N’existe plus ».',
      '',
      link.url,
      '',
      `Ce lien personnel est valable jusqu’au ${dayInWords(link.expiresAt.slice(0, 10))}. Ne le transmettez qu’aux personnes qui gèrent le lieu.`,
      '',
      'Merci de faire vivre l’annuaire !',
      NETWORK_NAME,
    ].join('\n'),
  };
}

async function alreadySent(deps: Deps, month: string, placeId: string): Promise<boolean> {
  const out = await deps.table.doc.send(new GetCommand({ TableName: deps.table.tableName, Key: keys.freshnessDigestSent(month, placeId), ConsistentRead: true }));
  return !!out.Item;
}

/**
 * Primary course:
 * 1. compute this month's links at the threshold (default 180 days);
 * 2. without a sender, stop there (the links are in the API and the sheet);
 * 3. for each place with an e-mail not yet sent this month: send, then mark it sent;
 *    a failed send is reported and tried again on the next run.
 */
export async function runFreshnessDigest(deps: Deps, opts: { sender?: EmailSender; olderThanDays?: number } = {}): Promise<DigestResult> {
  const olderThanDays = opts.olderThanDays ?? DEFAULT_OLDER_THAN_DAYS;
  const month = deps.now().toISOString().slice(0, 7);
  const links = await listFreshnessLinks(deps, SYSTEM, olderThanDays);
  const result: DigestResult = { month, links: links.length, emailed: [], skipped: [], failed: [] };
  if (!opts.sender) return result;
  const snap = await loadDirectorySnapshot(deps);
  for (const link of links) {
    const email = snap.placesById.get(link.placeId)?.email;
    if (!email) {
      result.skipped.push({ placeId: link.placeId, reason: 'pas d’adresse e-mail pour ce lieu' });
      continue;
    }
    if (await alreadySent(deps, month, link.placeId)) {
      result.skipped.push({ placeId: link.placeId, reason: `déjà envoyé en ${monthLabel(month)}` });
      continue;
    }
    try {
      await opts.sender.send({ to: email, ...digestText(link, olderThanDays) });
      await deps.table.doc.send(new PutCommand({ TableName: deps.table.tableName, Item: { ...keys.freshnessDigestSent(month, link.placeId), entity: 'freshness-digest', sentAt: deps.now().toISOString(), to: 'lieu' } }));
      result.emailed.push(link.placeId);
    } catch (err) {
      result.failed.push({ placeId: link.placeId, error: (err as Error).message });
    }
  }
  return result;
}
