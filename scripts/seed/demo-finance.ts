/**
 * A year of demo finances (the current year, nothing dated after today): membership
 * fees for every member place, payments from most of them, the network's own income and
 * expenses, three grants at the three stages, and the year's budget. Invented figures,
 * written through the same use cases as the API.
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { listDirectoryRecordsByType } from '../../integrations/dynamodb/directory-repository.js';
import { PlaceSchema } from '../../schemas/place.js';
import { postMemberships } from '../../functions/domain/finance/memberships.js';
import { recordPayment } from '../../functions/domain/finance/payments.js';
import { createBudgetLine, saveYearBudget } from '../../functions/domain/finance/budget-lines.js';
import { todayInParis } from '../../functions/domain/mobility/periods.js';
import type { BudgetLineInput } from '../../schemas/finance.js';

const SEED_ACTOR: Actor = { role: 'system', id: 'seed:demo' };

type DemoLine = Omit<BudgetLineInput, 'date'> & { month: number; day: number };

const LINES: DemoLine[] = [
  { direction: 'income', category: 'grant', month: 2, day: 14, amountCents: 1_200_000, label: 'Soutien au fonctionnement du réseau', counterpart: 'Région Nouvelle-Aquitaine', funder: 'Région Nouvelle-Aquitaine', status: 'received', grantedCents: 1_000_000, receivedCents: 1_000_000, project: 'Fonctionnement' },
  { direction: 'income', category: 'grant', month: 4, day: 3, amountCents: 600_000, label: 'Médiation numérique itinérante', counterpart: 'Département de la Dordogne', funder: 'Département de la Dordogne', status: 'granted', grantedCents: 450_000, project: 'Numérique' },
  { direction: 'income', category: 'grant', month: 9, day: 30, amountCents: 1_500_000, label: 'Fabrique de territoire', counterpart: 'ANCT', funder: 'ANCT', status: 'requested', project: 'Fabrique' },
  { direction: 'income', category: 'fee_share', month: 3, day: 31, amountCents: 96_000, label: 'Part des recettes de coworking (T1)', counterpart: 'Lieux du réseau' },
  { direction: 'income', category: 'fee_share', month: 6, day: 30, amountCents: 112_500, label: 'Part des recettes de coworking (T2)', counterpart: 'Lieux du réseau' },
  { direction: 'income', category: 'fee_share', month: 9, day: 30, amountCents: 87_250, label: 'Part des recettes de coworking (T3)', counterpart: 'Lieux du réseau' },
  { direction: 'income', category: 'service', month: 5, day: 20, amountCents: 180_000, label: 'Accompagnement d’un projet de tiers-lieu', counterpart: 'Commune de Mussidan', project: 'Accompagnement' },
  { direction: 'income', category: 'service', month: 10, day: 8, amountCents: 95_000, label: 'Formation « ouvrir son fablab »', counterpart: 'Communauté de communes', project: 'Accompagnement' },
  { direction: 'income', category: 'event', month: 6, day: 21, amountCents: 134_050, label: 'Fête des tiers-lieux : billetterie et buvette', counterpart: 'Public', project: 'Fête des tiers-lieux' },
  { direction: 'expense', category: 'salary', month: 1, day: 31, amountCents: 620_000, label: 'Coordination du réseau (janvier–mars)', counterpart: 'Salariée du réseau', project: 'Fonctionnement' },
  { direction: 'expense', category: 'salary', month: 4, day: 30, amountCents: 620_000, label: 'Coordination du réseau (avril–juin)', counterpart: 'Salariée du réseau', project: 'Fonctionnement' },
  { direction: 'expense', category: 'salary', month: 7, day: 31, amountCents: 620_000, label: 'Coordination du réseau (juillet–septembre)', counterpart: 'Salariée du réseau', project: 'Fonctionnement' },
  { direction: 'expense', category: 'travel', month: 3, day: 15, amountCents: 42_380, label: 'Tournée des lieux', counterpart: 'Bénévoles et salariée', project: 'Fonctionnement' },
  { direction: 'expense', category: 'travel', month: 9, day: 18, amountCents: 28_760, label: 'Rencontre régionale des tiers-lieux', counterpart: 'SNCF', project: 'Fonctionnement' },
  { direction: 'expense', category: 'equipment', month: 5, day: 5, amountCents: 189_900, label: 'Malle numérique itinérante (portables, vidéoprojecteur)', counterpart: 'Ressourcerie informatique', project: 'Numérique' },
  { direction: 'expense', category: 'event', month: 6, day: 22, amountCents: 98_600, label: 'Fête des tiers-lieux : son, location, affiches', counterpart: 'Prestataires locaux', project: 'Fête des tiers-lieux' },
  { direction: 'expense', category: 'other', month: 2, day: 1, amountCents: 31_200, label: 'Assurance et frais bancaires', counterpart: 'Banque et assureur', project: 'Fonctionnement' },
];

const day = (year: string, month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export async function loadDemoFinance(deps: Deps): Promise<{ lines: number; payments: number }> {
  const today = todayInParis(deps.now());
  const year = today.slice(0, 4);
  const members = (await listDirectoryRecordsByType(deps.table, 'place'))
    .map((r) => PlaceSchema.parse(r))
    .filter((p) => p.membership === 'member' && !p.archivedAt)
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  if (!members.length) return { lines: 0, payments: 0 };
  // The two largest places (most resources in the demo) pay a higher fee.
  const fees = Object.fromEntries(members.slice(0, 2).map((p) => [p.id, 30_000]));
  const dueOn = day(year, 3, 31) <= today ? day(year, 3, 31) : today;
  await postMemberships(deps, SEED_ACTOR, year, { defaultFeeCents: 15_000, fees, dueOn });

  let payments = 0;
  for (const [i, p] of members.entries()) {
    if (i % 4 === 3) continue; // one place in four has not paid yet
    const date = day(year, 4 + (i % 5), 5 + i);
    if (date > today) continue;
    const amount = i % 5 === 2 ? 7_500 : (fees[p.id] ?? 15_000); // one pays half
    await recordPayment(deps, SEED_ACTOR, { from: `place:${p.id}`, to: 'network', amountCents: amount, date, reference: `VIR-${year}-${String(i + 1).padStart(3, '0')}` });
    payments++;
  }

  let lines = 0;
  for (const { month, day: d, ...line } of LINES) {
    const date = day(year, month, d);
    if (date > today) continue;
    await createBudgetLine(deps, SEED_ACTOR, { ...line, date });
    lines++;
  }
  await saveYearBudget(deps, SEED_ACTOR, year, {
    income: { membership: 200_000, grant: 2_500_000, fee_share: 400_000, service: 250_000, event: 120_000 },
    expenses: { salary: 2_480_000, travel: 80_000, equipment: 200_000, event: 100_000, other: 40_000 },
  });
  return { lines, payments };
}
