/**
 * `npm run cost`: the monthly AWS bill of the reference workload (50 places, 1,000 members,
 * 10,000 visits a year, 200,000 widget views a month, a sync every 10 minutes, decisions,
 * valuation and check-in traffic), from DynamoDB units and durations MEASURED by running a
 * scaled-down mix of that workload on DynamoDB Local (scripts/cost/measure.ts), multiplied
 * by the reference volumes below, priced with scripts/cost/prices.ts. Writes docs/cost.md.
 * Uses DYNAMODB_ENDPOINT when set, else starts an in-memory DynamoDB Local.
 */
import { writeFileSync } from 'node:fs';
import { createTableRef } from '../integrations/dynamodb/client.js';
import { ensureTable } from '../integrations/dynamodb/ensure-table.js';
import { createApp } from '../functions/api/app.js';
import { newId } from '../functions/domain/ids.js';
import type { Deps } from '../functions/domain/deps.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { attachMeter, measure, type Measured } from './cost/measure.js';
import { monthlyBill, type MonthlyUsage } from './cost/bill.js';
import { FREE_TIER, PRICES, PRICES_DATE, PRICES_SOURCE } from './cost/prices.js';
import { personInput, placeInput } from '../tests/support/fixtures.js';
import { logger } from '../functions/observability/logger.js';

// One log line per measured request would bury the result.
logger.setLogLevel('WARN');

const ADMIN = `cost-admin-${newId()}`;
const dynamo = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal({ dataDir: 'memory' });
const table = createTableRef({ tableName: `cost-${Date.now().toString(36)}`, endpoint: process.env.DYNAMODB_ENDPOINT ?? dynamo!.endpoint });
await ensureTable(table);
const deps: Deps = { table, now: () => new Date('2026-11-15T10:00:00Z'), newId: () => newId(), adminToken: ADMIN, publicBaseUrl: 'http://localhost:3000' };
const app = createApp(deps);
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const r = await app.request(path, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 500) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return { status: r.status, json: () => JSON.parse(text) };
};

// A scaled-down network: 5 places (1/10), 20 people, a few resources.
const places: string[] = [];
for (let i = 0; i < 5; i++) places.push((await call('POST', '/v1/places', placeInput({ name: `Lieu ${i}`, mobility: { acceptsVisitors: true, dailyVisitorCapacity: 50, preferentialDayRateCents: 1000 } }))).json().id);
const people: string[] = [];
for (let i = 0; i < 20; i++) people.push((await call('POST', '/v1/people', personInput(places[i % 5]!, { displayName: `Membre ${i}`, email: `m${i}@exemple.org` }))).json().id);
for (let i = 0; i < 10; i++) await call('POST', '/v1/resources', { placeId: places[i % 5], kind: 'space', category: 'meeting_room', name: `Salle ${i}`, capacity: 10, rates: [{ unit: 'day', amountCents: 8000, audience: 'public' }] });

const meter = attachMeter(table);
let day = 0;
const nextDay = () => {
  const d = new Date(Date.UTC(2026, 0, 1 + (day++ % 300)));
  return d.toISOString().slice(0, 10);
};
const m: Record<string, Measured> = {};
m.widget = await measure(meter, 'vue du widget (ressources d’un lieu, anonyme)', 20, (i) => call('GET', `/v1/resources?placeId=${places[Math.abs(i) % 5]}`, undefined, { authorization: '' }));
m.visit = await measure(meter, 'visite enregistrée (POST /v1/visits)', 20, (i) => {
  const p = Math.abs(i + 1) % 20;
  return call('POST', '/v1/visits', { personId: people[p], hostPlaceId: places[(p + 1) % 5], date: nextDay(), scheme: 'retrocession' }, { 'idempotency-key': `cost-${i}-${Date.now()}` });
});
m.availability = await measure(meter, 'disponibilités d’un jour (accueil, passage à la porte)', 20, () => call('GET', `/v1/availability?date=2026-11-20&placeId=${places[1]}`, undefined, { authorization: '' }));
m.visitList = await measure(meter, 'liste des visites d’un lieu (gestionnaire)', 10, () => call('GET', `/v1/visits?placeId=${places[1]}&from=2026-01-01&to=2026-01-31`));
m.statement = await measure(meter, 'relevé mensuel d’un lieu', 5, () => call('GET', `/v1/statements/2026-01/${places[1]}?format=json`));
m.proposals = await measure(meter, 'décisions : liste des propositions', 10, () => call('GET', '/v1/proposals'));
m.contributions = await measure(meter, 'valorisation : contributions', 10, () => call('GET', '/v1/contributions'));
m.directory = await measure(meter, 'annuaire complet (lieux + personnes + ressources, admin)', 5, async () => {
  await call('GET', '/v1/places');
  await call('GET', '/v1/people');
  await call('GET', '/v1/resources');
});
await dynamo?.stop();

// The reference month: volumes of each kind of request (assumptions stated in the document).
const MONTH = {
  widget: 200_000,
  visit: Math.ceil(10_000 / 12),
  availability: Math.ceil(10_000 / 12),
  visitList: 1_000,
  statement: 50,
  proposals: 1_000,
  contributions: 500,
  syncRounds: (30 * 24 * 60) / 10,
  scheduled: { sync: (30 * 24 * 60) / 10, checkin: 30 * 24, relaySweep: (30 * 24 * 60) / 5, decisions: 30, freshness: 4 },
};
// A sync round reads the directory to compare it with the sheet: counted as a full directory
// read scaled to 50 places (×10), an upper bound (most rounds find nothing new).
const SCALE = 10;
const apiKinds = ['widget', 'visit', 'availability', 'visitList', 'statement', 'proposals', 'contributions'] as const;
const apiRequests = apiKinds.reduce((s, k) => s + MONTH[k], 0);
const scaledReads = (k: (typeof apiKinds)[number]) => (['widget', 'availability', 'visitList', 'statement'].includes(k) ? m[k]!.readUnits : m[k]!.readUnits * SCALE);
const readUnits = apiKinds.reduce((s, k) => s + MONTH[k] * scaledReads(k), 0) + MONTH.syncRounds * m.directory!.readUnits * SCALE;
const writeUnits = apiKinds.reduce((s, k) => s + MONTH[k] * m[k]!.writeUnits, 0);
const scheduled = Object.values(MONTH.scheduled).reduce((a, b) => a + b, 0);
const GB = 0.5; // memory of every function (infra/constructs/app-function.ts)
const seconds = apiKinds.reduce((s, k) => s + MONTH[k] * m[k]!.ms, 0) / 1000 + (MONTH.syncRounds * m.directory!.ms * 3) / 1000 + (scheduled - MONTH.syncRounds) * 0.2;
const usage: MonthlyUsage = {
  lambdaInvocations: apiRequests + scheduled,
  lambdaGbSeconds: seconds * GB,
  httpApiRequests: apiRequests,
  dynamoReadUnits: readUnits,
  dynamoWriteUnits: writeUnits,
  dynamoGbStored: 0.5,
  cloudFrontRequests: MONTH.widget * 2,
  cloudFrontGbOut: (MONTH.widget * 2 * 15) / 1024 / 1024,
  secrets: 3,
  secretApiCalls: 3 * 2_000,
  s3GbStored: 1,
  s3Puts: 200,
  s3Gets: 5_000,
  schedulerInvocations: scheduled,
};
const bill = monthlyBill(usage, PRICES, FREE_TIER);
const usd = (n: number) => `${n.toFixed(n < 0.1 && n > 0 ? 4 : 2)} $`;
const num = (n: number) => Math.round(n).toLocaleString('fr-FR');
const TARGET = 2;
const measuredRows = Object.values(m).map((x) => `| ${x.label} | ${x.runs} | ${x.readUnits.toFixed(1)} | ${x.writeUnits.toFixed(1)}${x.writeUnitsFromSizes ? ` (dont ${x.writeUnitsFromSizes.toFixed(1)} calculées)` : ''} | ${x.ms.toFixed(0)} |`);
const doc = `# Coût mensuel AWS du réseau (charge de référence)

Généré par \`npm run cost\` le ${new Date().toISOString().slice(0, 10)} — ne pas modifier à la main.

**Au-delà des offres gratuites permanentes : ${usd(bill.dueUsd)} par mois** (${usd(bill.grossUsd)} sans elles).
Objectif : au plus ${TARGET} $ par mois au-delà de l’offre gratuite — ${bill.dueUsd <= TARGET ? '**atteint**' : `**manqué** (de ${usd(bill.dueUsd - TARGET)})`}.

## Charge de référence (un mois)

50 lieux, 1 000 membres, 10 000 visites par an (${num(MONTH.visit)} par mois, chacune précédée d’une lecture des disponibilités),
200 000 vues du widget (${num(MONTH.widget * 2)} requêtes CloudFront : le script et les données ; toutes les données comptées
comme arrivant à l’API, hypothèse prudente, le cache de 60 s servant peu avec 50 lieux), une synchro toutes les 10 minutes
(${num(MONTH.syncRounds)} tours), ${num(MONTH.visitList)} listes de visites, ${num(MONTH.statement)} relevés, ${num(MONTH.proposals)} lectures des décisions,
${num(MONTH.contributions)} lectures de la valorisation, et les tâches planifiées (${num(scheduled)} déclenchements : synchro, passages, relais, décisions, fraîcheur).

## Mesuré sur DynamoDB Local (réseau réduit : 5 lieux, 20 personnes)

| requête | essais | unités de lecture | unités d’écriture | ms (local) |
|---|---|---|---|---|
${measuredRows.join('\n')}

Les unités sont celles que DynamoDB Local renvoie avec \`ReturnConsumedCapacity=TOTAL\`. DynamoDB Local sous-estime les
écritures transactionnelles : pour chaque transaction, le script les recalcule d’après la taille des éléments
(règle de DynamoDB : 2 unités par élément et par Ko entamé) et garde la plus grande des deux valeurs (« calculées »).
Les lectures de l’annuaire, des décisions et de la valorisation sont multipliées par 10 (50 lieux au lieu de 5).
Les durées sont celles de cette machine, pas de Lambda : elles ne servent qu’à estimer les Go-s (512 Mo par fonction).
Non mesuré, estimé : le tour de synchro est compté comme une relecture complète de l’annuaire (majorant) ; les écritures
des décisions et de la valorisation (quelques centaines par mois) ne sont pas comptées ; S3 et Secrets Manager sont estimés.

## Facture

| poste | quantité | sans offre gratuite | à payer |
|---|---|---|---|
${bill.lines.map((l) => `| ${l.service} | ${num(l.quantity)} ${l.unit} | ${usd(l.grossUsd)} | ${usd(l.dueUsd)} |`).join('\n')}
| **Total** | | **${usd(bill.grossUsd)}** | **${usd(bill.dueUsd)}** |

## Offres gratuites prises en compte (permanentes, par mois)

Lambda : ${num(FREE_TIER.lambdaRequests)} requêtes et ${num(FREE_TIER.lambdaGbSeconds)} Go-s ; DynamoDB : ${FREE_TIER.dynamoGbStorage} Go de stockage ;
CloudFront : ${num(FREE_TIER.cloudFrontRequests)} requêtes et ${num(FREE_TIER.cloudFrontGbOut)} Go sortants ; EventBridge Scheduler : ${num(FREE_TIER.schedulerInvocations)} déclenchements.
Les offres de 12 mois (API Gateway, S3) et l’essai de Secrets Manager ne sont pas comptées.

## Prix

Tarifs du ${PRICES_DATE}, ${PRICES_SOURCE} (module \`scripts/cost/prices.ts\`, la seule source des prix) ; en dollars US, hors taxes.
`;
writeFileSync('docs/cost.md', doc);
console.log(`docs/cost.md écrit : ${usd(bill.dueUsd)} par mois au-delà de l’offre gratuite (objectif ${TARGET} $ : ${bill.dueUsd <= TARGET ? 'atteint' : 'manqué'}).`);
process.exit(0);
