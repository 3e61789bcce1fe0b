import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { handovers } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { notFound, present } from '../errors';
import { handoverAcknowledged } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { selectHandovers } from './handover-dto';

/** The receiving service confirms the hand-over; a second confirmation changes nothing. */
export async function acknowledgeHandover(db: Db, actor: Principal, id: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [h] = await w.tx.select().from(handovers).where(eq(handovers.id, id)).for('update');
    if (!h) throw notFound('hand-over');
    if (actor.stationId !== h.stationId) throw notFound('hand-over');
    if (!h.acknowledgedAt) {
      await w.tx
        .update(handovers)
        .set({ acknowledgedAt: sql`now()`, acknowledgedByName: actor.displayName })
        .where(eq(handovers.id, id));
    }
    const [dto] = await selectHandovers(w.tx, eq(handovers.id, id), 1);
    const handover = present(dto, 'hand-over');
    if (!h.acknowledgedAt) w.emit(handoverAcknowledged(handover));
    return handover;
  });
  return result;
}
