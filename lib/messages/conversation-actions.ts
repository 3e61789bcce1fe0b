import { and, eq, sql } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import type { Db } from '../../db/client';
import { conversations, incidents, messages } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { env } from '../env';
import { AppError, notFound } from '../errors';
import { conversationUpdated } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { authorOf, writeNote } from '../incidents/add-incident-note';
import { conversationDto, selectConversation } from './conversation-dto';
import { recordReply } from './incident-timeline';
import { replySms } from './sms';

async function lockConversation(w: WriteTx, id: number) {
  const [c] = await w.tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
  if (!c) throw notFound('conversation');
  return c;
}

/** A call-taker takes a conversation; someone else's claim is not taken over silently (409). */
export async function claimConversation(
  db: Db,
  actor: Principal,
  id: number,
  opts: { takeOver?: boolean } = {},
) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const c = await lockConversation(w, id);
    if (c.claimedBy !== null && c.claimedBy !== actor.userId && !opts.takeOver)
      throw new AppError('conflict', `already claimed by ${c.claimedByName ?? 'someone else'}`, [
        { field: 'id', message: `claimed by ${c.claimedByName ?? 'someone else'}` },
      ]);
    const [updated] = await w.tx
      .update(conversations)
      .set({
        claimedBy: actor.userId,
        claimedByName: actor.displayName,
        status: c.status === 'new' ? 'claimed' : c.status,
        version: sql`${conversations.version} + 1`,
      })
      .where(eq(conversations.id, id))
      .returning();
    if (!updated) throw notFound('conversation');
    const dto = conversationDto(updated);
    w.emit(conversationUpdated(dto, 'claimed'));
    return dto;
  });
  return result;
}

type Relay = ReturnType<typeof createTransport>;
let transport: { url: string; t: Relay } | null = null;
export function mailRelay(): Relay {
  const url = env().MAIL_RELAY_URL;
  // A state of this installation, not a failure: the call-taker answers by phone or SMS instead.
  if (!url)
    throw new AppError('conflict', 'e-mail replies are not set up here (MAIL_RELAY_URL)', [
      { field: 'id', message: 'no mail relay configured' },
    ]);
  if (transport?.url !== url) {
    const u = new URL(url);
    const secure = u.protocol === 'smtps:';
    transport = {
      url,
      t: createTransport({
        host: u.hostname,
        port: Number(u.port || (secure ? 465 : 25)),
        secure,
        ...(u.username
          ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
          : {}),
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 10_000,
      }),
    };
  }
  return transport.t;
}

/**
 * Answers an e-mail conversation through the relay, threaded (In-Reply-To / References), and stores the
 * reply. Sent first, then stored with the conversation marked answered: a relay that refuses leaves
 * nothing stored and the call-taker sees why (502).
 */
export async function replyToConversation(db: Db, actor: Principal, id: number, text: string) {
  const conversation = await selectConversation(db, id);
  if (!conversation) throw notFound('conversation');
  if (conversation.channel === 'sms') return replySms(db, actor, id, text);
  const [lastIn] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, id), eq(messages.direction, 'in')))
    .orderBy(sql`${messages.at} desc`)
    .limit(1);
  const from = env().MAIL_ADDRESSES[0] as string;
  const subject = conversation.subject.toLowerCase().startsWith('re:')
    ? conversation.subject
    : `Re: ${conversation.subject || '112'}`;
  const references = [...(lastIn?.references ?? []), ...(lastIn?.externalId ? [lastIn.externalId] : [])];
  const transport = mailRelay();
  let info: { messageId: string };
  try {
    info = await transport.sendMail({
      from: `Center 112 <${from}>`,
      to: conversation.counterpart,
      subject,
      text,
      ...(lastIn?.externalId ? { inReplyTo: lastIn.externalId } : {}),
      ...(references.length ? { references } : {}),
    });
  } catch (err) {
    throw new AppError('upstream_failed', `the mail relay did not take the reply: ${(err as Error).message}`);
  }
  const { result } = await inWriteTx(db, actor, async (w) => {
    await lockConversation(w, id);
    const [message] = await w.tx
      .insert(messages)
      .values({
        conversationId: id,
        channel: 'email',
        direction: 'out',
        externalId: info.messageId ?? null,
        fromAddr: from,
        toAddr: conversation.counterpart,
        subject,
        text,
        inReplyTo: lastIn?.externalId ?? null,
        references,
        deliveryStatus: 'sent',
        attempts: 1,
        authorId: actor.userId,
        authorName: actor.displayName,
        sizeBytes: Buffer.byteLength(text),
      })
      .returning();
    return recordReply(w, id, actor, message);
  });
  return result;
}

/**
 * Links a conversation to an incident (created from it, or an existing one): the conversation so far
 * goes into the incident's notes, and the conversation is marked as handled by that incident.
 */
export async function linkConversation(db: Db, actor: Principal, id: number, incidentId: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const c = await lockConversation(w, id);
    const [inc] = await w.tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
    if (!inc)
      throw new AppError('validation_failed', 'no such incident', [
        { field: 'body.incidentId', message: 'not found' },
      ]);
    if (c.incidentId === incidentId) return conversationDto(c);
    const list = await w.tx
      .select()
      .from(messages)
      .where(eq(messages.conversationId, id))
      .orderBy(messages.at, messages.id);
    const label = c.channel === 'email' ? 'E-pošta / e-mail' : 'SMS';
    const transcript = list
      .map((m) => `${m.at.toISOString()} ${m.direction === 'in' ? m.fromAddr : `→ ${m.toAddr}`}: ${m.text}`)
      .join('\n')
      .slice(0, 3900);
    await writeNote(
      w,
      incidentId,
      `${label} ${c.counterpart}${c.subject ? ` – ${c.subject}` : ''}\n${transcript}`,
      authorOf(actor),
    );
    const [updated] = await w.tx
      .update(conversations)
      .set({
        incidentId,
        status: 'incident',
        claimedBy: sql`coalesce(${conversations.claimedBy}, ${actor.userId})`,
        claimedByName: sql`coalesce(${conversations.claimedByName}, ${actor.displayName})`,
        version: sql`${conversations.version} + 1`,
      })
      .where(eq(conversations.id, id))
      .returning();
    if (!updated) throw new Error('link not stored');
    const dto = conversationDto(updated);
    w.emit(conversationUpdated(dto, 'linked'));
    return dto;
  });
  return result;
}
