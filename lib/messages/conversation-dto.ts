import { asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Conversation, conversations, incidents, type Message, messages } from '../../db/schema';

export interface MessageDto {
  id: number;
  conversationId: number;
  channel: 'email' | 'sms';
  direction: 'in' | 'out';
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: { name: string; type: string; size: number }[];
  deliveryStatus: string | null;
  deliveryError: string | null;
  authorName: string | null;
  sizeBytes: number;
  at: string;
}

export interface ConversationDto {
  id: number;
  channel: 'email' | 'sms';
  counterpart: string;
  subject: string;
  status: Conversation['status'];
  claimedBy: number | null;
  claimedByName: string | null;
  incidentId: number | null;
  /** The linked incident's number (2026-000123), on the detail. */
  incidentNumber?: string | null;
  lastMessageAt: string;
  createdAt: string;
  version: number;
  /** The newest message, for the inbox list. */
  last?: MessageDto;
  messages?: MessageDto[];
}

export function messageDto(m: Message): MessageDto {
  return {
    id: m.id,
    conversationId: m.conversationId,
    channel: m.channel,
    direction: m.direction,
    from: m.fromAddr,
    to: m.toAddr,
    subject: m.subject,
    text: m.text,
    html: m.html,
    attachments: m.attachments as MessageDto['attachments'],
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    authorName: m.authorName,
    sizeBytes: m.sizeBytes,
    at: m.at.toISOString(),
  };
}

export function conversationDto(c: Conversation): ConversationDto {
  return {
    id: c.id,
    channel: c.channel,
    counterpart: c.counterpart,
    subject: c.subject,
    status: c.status,
    claimedBy: c.claimedBy,
    claimedByName: c.claimedByName,
    incidentId: c.incidentId,
    lastMessageAt: c.lastMessageAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  };
}

/** Conversations with their newest message (one query for the messages, whatever the list's length). */
export async function selectConversations(
  db: Db,
  where: SQL | undefined,
  limit: number,
): Promise<ConversationDto[]> {
  const rows = await db
    .select()
    .from(conversations)
    .where(where)
    .orderBy(desc(conversations.lastMessageAt))
    .limit(limit);
  if (rows.length === 0) return [];
  const last = await db
    .selectDistinctOn([messages.conversationId])
    .from(messages)
    .where(
      inArray(
        messages.conversationId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(messages.conversationId, desc(messages.at), desc(messages.id));
  const byId = new Map(last.map((m) => [m.conversationId, messageDto(m)]));
  return rows.map((r) => ({ ...conversationDto(r), last: byId.get(r.id) }));
}

/** One conversation with every message, oldest first. */
export async function selectConversation(db: Db, id: number): Promise<ConversationDto | undefined> {
  const [c] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (!c) return undefined;
  const list = await db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, id))
    .orderBy(asc(messages.at), asc(messages.id));
  const [inc] = c.incidentId
    ? await db.select({ number: incidents.number }).from(incidents).where(eq(incidents.id, c.incidentId))
    : [];
  return { ...conversationDto(c), incidentNumber: inc?.number ?? null, messages: list.map(messageDto) };
}

export const bumpVersion = sql`${conversations.version} + 1`;
