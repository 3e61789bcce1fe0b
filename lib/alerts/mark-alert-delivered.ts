import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { notFound, present } from '../errors';
import { alertDelivered } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { selectAlert } from './alert-dto';

// Delivery receipt: the alert reached a station's screen (sent by the screen itself, not by a person).
export async function markAlertDelivered(db: Db, actor: Principal, alertId: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [alert] = await w.tx.select().from(alerts).where(eq(alerts.id, alertId)).for('update');
    if (!alert) throw notFound('alert');
    if (actor.role !== 'station' || actor.stationId !== alert.stationId) throw notFound('alert');
    if (alert.deliveredAt) return selectAlert(w.tx, alertId);
    await w.tx.update(alerts).set({ deliveredAt: sql`now()` }).where(eq(alerts.id, alertId));
    const dto = present(await selectAlert(w.tx, alertId), 'alert');
    w.emit(alertDelivered(dto));
    return dto;
  });
  return result;
}
