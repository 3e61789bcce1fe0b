import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts, units } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { alertAcknowledged } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { applyUnitStatus } from '../units/change-unit-status';
import { selectAlert } from './alert-dto';

// A person confirms the alert. Acknowledging twice is harmless: the first time counts, no new event.
export async function acknowledgeAlert(db: Db, actor: Principal, alertId: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [alert] = await w.tx.select().from(alerts).where(eq(alerts.id, alertId)).for('update');
    if (!alert) throw notFound('alert');
    if (actor.role === 'station' && actor.stationId !== alert.stationId) throw notFound('alert');
    if (alert.acknowledgedAt) return selectAlert(w.tx, alertId);
    if (alert.cancelledAt)
      throw new AppError('invalid_transition', 'the alert was cancelled: the unit is no longer needed', [
        { field: 'id', message: 'cancelled' },
      ]);
    await w.tx
      .update(alerts)
      .set({
        acknowledgedAt: sql`now()`,
        deliveredAt: sql`coalesce(${alerts.deliveredAt}, now())`,
        acknowledgedBy: actor.userId,
        acknowledgedByName: actor.displayName,
      })
      .where(eq(alerts.id, alertId));
    const dto = present(await selectAlert(w.tx, alertId), 'alert');
    w.emit(alertAcknowledged(dto));
    const [unit] = await w.tx.select({ status: units.status }).from(units).where(eq(units.id, alert.unitId));
    if (unit?.status === 'alerted') await applyUnitStatus(w, alert.unitId, 'acknowledged');
    return dto;
  });
  return result;
}
