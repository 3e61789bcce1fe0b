import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentCallers, incidents } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { notFound } from '../errors';
import { inWriteTx } from '../events/write-tx';

// Another call about an incident already being handled: recorded on it instead of a duplicate.
export async function addIncidentCaller(
  db: Db,
  actor: Principal,
  incidentId: number,
  input: { phone?: string; name?: string; note?: string },
) {
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
      .returning();
    if (!row) throw new Error('caller insert returned nothing');
    const caller = {
      id: row.id,
      incidentId,
      phone: row.phone,
      name: row.name,
      note: row.note,
      author: actor.displayName,
      createdAt: row.createdAt.toISOString(),
    };
    w.emit({ type: 'incident.caller_added', incidentId, data: { caller } });
    return caller;
  });
  return result;
}
