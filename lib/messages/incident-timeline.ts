import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Conversation, conversations, incidentNotes, type Message, messages } from '../../db/schema';
import type { Principal } from '../auth/principal';
import type { WriteTx } from '../events/write-tx';
import { conversationDto, messageDto } from './conversation-dto';

/** An incident note written inside the caller's transaction, with its event. */
export async function addNoteInTx(
  w: WriteTx,
  incidentId: number,
  text: string,
  author: { id: number | null; name: string },
): Promise<void> {
  const [note] = await w.tx
    .insert(incidentNotes)
    .values({ incidentId, text: text.slice(0, 4000), authorId: author.id, authorName: author.name })
    .returning();
  if (!note) throw new Error('note not stored');
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

/**
 * A message in a conversation linked to an incident goes into the incident's notes too, in the same
 * transaction: the whole written exchange is part of the incident's record and timeline.
 */
export async function noteOnIncident(
  w: WriteTx,
  incidentId: number | null,
  m: Pick<Message, 'channel' | 'direction' | 'fromAddr' | 'toAddr' | 'text'>,
  author: { id: number | null; name: string },
): Promise<void> {
  if (incidentId === null) return;
  const label = m.channel === 'email' ? 'E-pošta / e-mail' : 'SMS';
  const who = m.direction === 'in' ? m.fromAddr : `→ ${m.toAddr}`;
  await addNoteInTx(w, incidentId, `${label} ${who}: ${m.text}`, author);
}

/** After a reply is stored: the conversation is answered (and claimed by whoever answered), evented. */
export async function recordReply(
  w: WriteTx,
  conversationId: number,
  actor: Principal,
  message: Message | undefined,
) {
  const [updated] = await w.tx
    .update(conversations)
    .set({
      status: sql`case when ${conversations.status} = 'incident' then 'incident' else 'answered' end`,
      claimedBy: sql`coalesce(${conversations.claimedBy}, ${actor.userId})`,
      claimedByName: sql`coalesce(${conversations.claimedByName}, ${actor.displayName})`,
      lastMessageAt: sql`now()`,
      version: sql`${conversations.version} + 1`,
    })
    .where(eq(conversations.id, conversationId))
    .returning();
  if (!message || !updated) throw new Error('reply not stored');
  await noteOnIncident(w, updated.incidentId, message, { id: actor.userId, name: actor.displayName });
  const data = { conversation: conversationDto(updated), message: messageDto(message) };
  w.emit({ type: 'message.sent', data });
  return data;
}

/** After an inbound message is stored: into the linked incident's notes, and evented for the inbox. */
export async function recordInbound(w: WriteTx, conversation: Conversation, message: Message, from: string) {
  await noteOnIncident(w, conversation.incidentId, message, { id: null, name: from });
  const data = { conversation: conversationDto(conversation), message: messageDto(message) };
  w.emit({ type: 'message.received', data });
  return data;
}

/** An inbound message already stored under the sender's id (Message-ID, gateway id). */
export async function findInbound(db: Db, channel: 'email' | 'sms', externalId: string) {
  const [row] = await db
    .select()
    .from(messages)
    .where(
      and(eq(messages.channel, channel), eq(messages.direction, 'in'), eq(messages.externalId, externalId)),
    );
  return row;
}
