import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  type Conversation,
  conversations,
  type Message,
  type MessageChannel,
  messages,
} from '../../db/schema';
import type { Principal } from '../auth/principal';
import { present } from '../errors';
import { messageReceived, messageSent } from '../events/build';
import type { WriteTx } from '../events/write-tx';
import { authorOf, type NoteAuthor, writeNote } from '../incidents/add-incident-note';
import { conversationDto, messageDto } from './conversation-dto';

/**
 * A message in a conversation linked to an incident goes into the incident's notes too, in the same
 * transaction: the whole written exchange is part of the incident's record and timeline.
 */
export async function noteOnIncident(
  w: WriteTx,
  incidentId: number | null,
  m: Pick<Message, 'channel' | 'direction' | 'fromAddr' | 'toAddr' | 'text'>,
  author: NoteAuthor,
): Promise<void> {
  if (incidentId === null) return;
  const label = m.channel === 'email' ? 'E-pošta / e-mail' : 'SMS';
  const who = m.direction === 'in' ? m.fromAddr : `→ ${m.toAddr}`;
  await writeNote(w, incidentId, `${label} ${who}: ${m.text}`, author);
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
  await noteOnIncident(w, updated.incidentId, message, authorOf(actor));
  const data = { conversation: conversationDto(updated), message: messageDto(message) };
  w.emit(messageSent(data.conversation, data.message));
  return data;
}

/** An outgoing message's delivery changed (sent, failed, delivered): evented with its conversation. */
export async function recordDelivery(w: WriteTx, message: Message) {
  const [c] = await w.tx.select().from(conversations).where(eq(conversations.id, message.conversationId));
  const dto = messageDto(message);
  w.emit(messageSent(conversationDto(present(c, 'conversation')), dto));
  return dto;
}

type InboundFields = Omit<typeof messages.$inferInsert, 'conversationId' | 'channel' | 'direction'>;

/**
 * An inbound message into its conversation: the one it continues (a closed or answered one needs
 * attention again), or a new one for its counterpart. Then into the linked incident's notes, evented.
 */
export async function storeInbound(
  w: WriteTx,
  continues: number | undefined,
  thread: { channel: MessageChannel; counterpart: string; subject: string },
  fields: InboundFields,
) {
  const [conversation] = continues
    ? await w.tx
        .update(conversations)
        .set({
          lastMessageAt: sql`now()`,
          status: sql`case when ${conversations.status} in ('answered', 'closed') then 'new' else ${conversations.status} end`,
          version: sql`${conversations.version} + 1`,
        })
        .where(eq(conversations.id, continues))
        .returning()
    : await w.tx.insert(conversations).values(thread).returning();
  const c = present(conversation, 'conversation');
  const [message] = await w.tx
    .insert(messages)
    .values({ ...fields, conversationId: c.id, channel: thread.channel, direction: 'in' })
    .returning();
  return recordInbound(w, c, present(message, 'message'), fields.fromAddr);
}

/** After an inbound message is stored: into the linked incident's notes, and evented for the inbox. */
export async function recordInbound(w: WriteTx, conversation: Conversation, message: Message, from: string) {
  await noteOnIncident(w, conversation.incidentId, message, { id: null, name: from });
  const data = { conversation: conversationDto(conversation), message: messageDto(message) };
  w.emit(messageReceived(data.conversation, data.message));
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
