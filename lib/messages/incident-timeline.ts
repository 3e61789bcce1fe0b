import { incidentNotes } from '../../db/schema';
import type { WriteTx } from '../events/write-tx';

/**
 * A message in a conversation linked to an incident goes into the incident's notes too, in the same
 * transaction: the whole written exchange is part of the incident's record and timeline.
 */
export async function noteOnIncident(
  w: WriteTx,
  incidentId: number | null,
  m: { channel: 'email' | 'sms'; direction: 'in' | 'out'; fromAddr: string; toAddr: string; text: string },
  author: { id: number | null; name: string },
): Promise<void> {
  if (incidentId === null) return;
  const label = m.channel === 'email' ? 'E-pošta / e-mail' : 'SMS';
  const who = m.direction === 'in' ? m.fromAddr : `→ ${m.toAddr}`;
  const [note] = await w.tx
    .insert(incidentNotes)
    .values({
      incidentId,
      text: `${label} ${who}: ${m.text}`.slice(0, 4000),
      authorId: author.id,
      authorName: author.name,
    })
    .returning();
  if (!note) return;
  w.emit({
    type: 'incident.note_added',
    incidentId,
    data: {
      note: {
        id: note.id,
        incidentId,
        text: note.text,
        author: note.authorName,
        createdAt: note.createdAt.toISOString(),
      },
    },
  });
}
