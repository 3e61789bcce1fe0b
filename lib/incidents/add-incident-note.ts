import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentNotes, incidents } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { notFound } from '../errors';
import { inWriteTx } from '../events/write-tx';

export async function addIncidentNote(db: Db, actor: Principal, incidentId: number, text: string) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [inc] = await w.tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
    if (!inc) throw notFound('incident');
    const [row] = await w.tx
      .insert(incidentNotes)
      .values({ incidentId, text, authorId: actor.userId, authorName: actor.displayName })
      .returning();
    if (!row) throw new Error('note insert returned nothing');
    const note = {
      id: row.id,
      incidentId,
      text: row.text,
      author: row.authorName,
      createdAt: row.createdAt.toISOString(),
    };
    w.emit({ type: 'incident.note_added', incidentId, data: { note } });
    return note;
  });
  return result;
}
