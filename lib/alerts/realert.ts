import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { alertCreated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { selectIncident } from '../incidents/incident-dto';
import { selectUnit } from '../units/unit-dto';
import { selectAlert } from './alert-dto';

// The dispatcher alerts the station again: the alert is sent anew (its timeout starts again) and the
// station's screen sounds again, as for a new alert.
export async function realert(db: Db, actor: Principal, alertId: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [a] = await w.tx.select().from(alerts).where(eq(alerts.id, alertId)).for('update');
    if (!a) throw notFound('alert');
    if (a.acknowledgedAt)
      throw new AppError('conflict', 'the alert is already acknowledged', [
        { field: 'id', message: 'acknowledged' },
      ]);
    if (a.cancelledAt)
      throw new AppError('invalid_transition', 'the alert was cancelled', [
        { field: 'id', message: 'cancelled' },
      ]);
    await w.tx
      .update(alerts)
      .set({
        sentAt: sql`now()`,
        deliveredAt: null,
        escalatedAt: null,
        realertCount: sql`${alerts.realertCount} + 1`,
      })
      .where(eq(alerts.id, alertId));
    const dto = present(await selectAlert(w.tx, alertId), 'alert');
    const incident = present(await selectIncident(w.tx, a.incidentId), 'incident');
    w.emit(alertCreated(dto, incident, present(await selectUnit(w.tx, a.unitId), 'unit')));
    return dto;
  });
  return result;
}
