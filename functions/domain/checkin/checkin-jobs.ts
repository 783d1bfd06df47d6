/**
 * The scheduled work of reservations and check-ins (an hourly schedule in AWS, a timer with
 * `npm start`): reservations of days gone by are released (or charged as no-shows when the
 * network says `noShowPolicy: "charge"`), check-ins unrefused after 7 days are confirmed.
 * Each item is its own conditioned transaction, so two runs at once never do anything twice.
 */
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { AppError } from '../errors.js';
import { getVisit } from '../mobility/cancel-visit.js';
import { readMobilitySettings } from '../mobility/settings.js';
import { todayInParis } from '../mobility/periods.js';
import { checkInReservation, releaseReservation } from './reservations.js';
import { confirmCheckin } from './confirmations.js';
import { listOpenReservationsBefore, listPendingCheckinsDue, openReservationItem, pendingCheckinItem } from '../../../integrations/dynamodb/reservation-repository.js';
import { writeLabelledTransaction } from '../../../integrations/dynamodb/transaction.js';

export const CHECKIN_JOB_ACTOR: Actor = { role: 'system', id: 'job:checkin' };

export interface CheckinJobReport {
  released: number;
  charged: number;
  confirmed: number;
  /** Markers of visits already handled another way (cancelled, refused…), dropped. */
  dropped: number;
}

/** A 409 means another run or a person got there first: nothing left to do for that item. */
function alreadyHandled(err: unknown): boolean {
  return err instanceof AppError && err.status === 409;
}

export async function runCheckinJobs(deps: Deps): Promise<CheckinJobReport> {
  const report: CheckinJobReport = { released: 0, charged: 0, confirmed: 0, dropped: 0 };
  const today = todayInParis(deps.now());
  const settings = await readMobilitySettings(deps);
  for (const visitId of await listOpenReservationsBefore(deps.table, today)) {
    const visit = await getVisit(deps, visitId);
    if (visit.status !== 'reserved') {
      await writeLabelledTransaction(deps.table, [openReservationItem(deps.table, visit, 'delete')]);
      report.dropped++;
      continue;
    }
    try {
      if (settings.noShowPolicy === 'charge') {
        await checkInReservation(deps, CHECKIN_JOB_ACTOR, visit, { channel: 'no-show' });
        report.charged++;
      } else {
        await releaseReservation(deps, CHECKIN_JOB_ACTOR, visit);
        report.released++;
      }
    } catch (err) {
      if (!alreadyHandled(err)) throw err;
    }
  }
  for (const { visitId, confirmBy } of await listPendingCheckinsDue(deps.table, deps.now().toISOString())) {
    const visit = await getVisit(deps, visitId);
    if (visit.status !== 'active' || visit.confirmation !== 'pending') {
      await writeLabelledTransaction(deps.table, [pendingCheckinItem(deps.table, visitId, confirmBy, 'delete')]);
      report.dropped++;
      continue;
    }
    try {
      await confirmCheckin(deps, CHECKIN_JOB_ACTOR, visitId);
      report.confirmed++;
    } catch (err) {
      if (!alreadyHandled(err)) throw err;
    }
  }
  return report;
}
