import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentNotes, incidents } from '../../db/schema';
import type { NoteKind } from '../../db/schema/enums';
import type { Principal } from '../auth/principal';
import { notFound, present } from '../errors';
import { noteAdded } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { type NoteDto, noteDto } from './incident-dto';

export interface NoteAuthor {
  id: number | null;
  /** The operator's name, or the sender of a message copied onto the timeline. */
  name: string;
}

/** A note on an incident's timeline, written inside the caller's transaction with its event. */
export async function writeNote(
  w: WriteTx,
  incidentId: number,
  text: string,
  author: NoteAuthor,
  kind: NoteKind = 'note',
) {
  const [row] = await w.tx
    .insert(incidentNotes)
    .values({ incidentId, text: text.slice(0, 4000), kind, authorId: author.id, authorName: author.name })
    .returning();
  const note = noteDto(present(row, 'note'));
  w.emit(noteAdded(note));
  return note;
}

export const authorOf = (actor: Principal): NoteAuthor => ({ id: actor.userId, name: actor.displayName });

export async function addIncidentNote(
  db: Db,
  actor: Principal,
  incidentId: number,
  text: string,
): Promise<NoteDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [inc] = await w.tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
    if (!inc) throw notFound('incident');
    return writeNote(w, incidentId, text, authorOf(actor));
  });
  return result;
}
