import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentCallers, incidents } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { notFound, present } from '../errors';
import { callerAdded } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { type CallerDto, selectCallers } from './incident-dto';

// Another call about an incident already being handled: recorded on it instead of a duplicate.
export async function addIncidentCaller(
  db: Db,
  actor: Principal,
  incidentId: number,
  input: { phone?: string; name?: string; note?: string },
): Promise<CallerDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [inc] = await w.tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
    if (!inc) throw notFound('incident');
    const [row] = await w.tx
      .insert(incidentCallers)
      .values({
        incidentId,
        phone: input.phone ?? '',
        name: input.name ?? '',
        note: input.note ?? '',
        createdBy: actor.userId,
      })
      .returning({ id: incidentCallers.id });
    const [stored] = await selectCallers(w.tx, incidentId, present(row, 'caller').id);
    const caller = present(stored, 'caller');
    w.emit(callerAdded(caller));
    return caller;
  });
  return result;
}
