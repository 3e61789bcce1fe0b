import { and, desc, eq, inArray, isNotNull, lte, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { conversations, messages } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { env } from '../env';
import { AppError, notFound, pgErrorCode } from '../errors';
import { inWriteTx } from '../events/write-tx';
import { normalizePhone } from '../locations/phone';
import { INT32_MAX } from '../validation';
import { messageDto } from './conversation-dto';
import { findInbound, recordDelivery, recordReply, storeInbound } from './incident-timeline';

// SMS 112 for deaf and hard-of-hearing callers, through an SMS gateway's HTTP API. Inbound messages
// are stored once (by the gateway's id); outbound ones are stored as queued first, then sent, retried
// with backoff while the gateway is down, and updated by its delivery reports.

export const ZSmsInbound = z.object({
  from: z.string().trim().min(3).max(32),
  to: z.string().trim().min(1).max(32),
  text: z.string().max(5000),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  id: z.string().trim().min(1).max(200),
});
export const ZSmsStatus = z.object({
  reference: z.string().trim().min(1).max(200),
  status: z.enum(['delivered', 'failed']),
  error: z.string().max(500).optional(),
});

const RETRY_DELAYS_S = [5, 15, 60, 300, 900];

export async function receiveSms(db: Db, actor: Principal, input: z.infer<typeof ZSmsInbound>) {
  const from = normalizePhone(input.from);
  if (!from)
    throw new AppError('validation_failed', 'invalid sender number', [
      { field: 'body.from', message: 'not a phone number' },
    ]);
  const text = input.text.replaceAll('\u0000', '');
  const at = input.receivedAt ? new Date(input.receivedAt) : new Date();
  const existing = () => findInbound(db, 'sms', input.id);
  const dup = await existing();
  if (dup) return { duplicate: true, message: messageDto(dup), conversationId: dup.conversationId };
  try {
    const { result } = await inWriteTx(db, actor, async (w) => {
      // One conversation per number until it is closed.
      const [open] = await w.tx
        .select()
        .from(conversations)
        .where(
          and(
            eq(conversations.channel, 'sms'),
            eq(conversations.counterpart, from),
            ne(conversations.status, 'closed'),
          ),
        )
        .orderBy(desc(conversations.lastMessageAt))
        .limit(1)
        .for('update');
      const data = await storeInbound(
        w,
        open?.id,
        { channel: 'sms', counterpart: from, subject: 'SMS 112' },
        {
          externalId: input.id,
          fromAddr: from,
          toAddr: input.to,
          text,
          sizeBytes: Buffer.byteLength(text),
          at,
        },
      );
      return { duplicate: false, message: data.message, conversationId: data.conversation.id };
    });
    return result;
  } catch (err) {
    if (pgErrorCode(err) === '23505') {
      const d = await existing();
      if (d) return { duplicate: true, message: messageDto(d), conversationId: d.conversationId };
    }
    throw err;
  }
}

/** Stores an SMS reply as queued (it is never lost), then tries the gateway once; the sender loop retries. */
export async function replySms(db: Db, actor: Principal, conversationId: number, text: string) {
  if (!env().SMS_GATEWAY_URL)
    throw new AppError('conflict', 'SMS replies are not set up here (SMS_GATEWAY_URL)', [
      { field: 'id', message: 'no SMS gateway configured' },
    ]);
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [c] = await w.tx
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .for('update');
    if (!c) throw notFound('conversation');
    const [message] = await w.tx
      .insert(messages)
      .values({
        conversationId,
        channel: 'sms',
        direction: 'out',
        fromAddr: env().SMS_SENDER,
        toAddr: c.counterpart,
        text,
        deliveryStatus: 'queued',
        nextAttemptAt: sql`now()`,
        authorId: actor.userId,
        authorName: actor.displayName,
        sizeBytes: Buffer.byteLength(text),
      })
      .returning();
    return recordReply(w, conversationId, actor, message);
  });
  await sendQueuedSms(db, [result.message.id]);
  const [now] = await db.select().from(messages).where(eq(messages.id, result.message.id));
  return { ...result, message: now ? messageDto(now) : result.message };
}

/** One SMS through the gateway (JSON POST {to, from, text, reference}); the gateway's id, if it gives one. */
export async function postToGateway(m: { to: string; from: string; text: string; reference: string }) {
  const url = env().SMS_GATEWAY_URL;
  if (!url) throw new Error('no SMS gateway configured (SMS_GATEWAY_URL)');
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(env().SMS_GATEWAY_TOKEN ? { authorization: `Bearer ${env().SMS_GATEWAY_TOKEN}` } : {}),
    },
    body: JSON.stringify(m),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}`);
  const body = (await res.json().catch(() => ({}))) as { id?: unknown };
  return typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : null;
}

/**
 * Sends the due queued SMS (or the given ones): each attempt is recorded; after the last retry the
 * message is failed and the call-taker sees it. Safe on several nodes: a row is claimed by pushing its
 * next attempt forward in the same statement that selects it.
 */
export async function sendQueuedSms(db: Db, ids?: number[]): Promise<number> {
  const due = await db
    .update(messages)
    .set({ nextAttemptAt: sql`now() + interval '30 seconds'`, attempts: sql`${messages.attempts} + 1` })
    .where(
      and(
        eq(messages.channel, 'sms'),
        eq(messages.direction, 'out'),
        eq(messages.deliveryStatus, 'queued'),
        isNotNull(messages.nextAttemptAt),
        lte(messages.nextAttemptAt, sql`now()`),
        ids ? inArray(messages.id, ids) : undefined,
      ),
    )
    .returning();
  for (const m of due) {
    let gatewayId: string | null = null;
    let error: string | null = null;
    try {
      gatewayId = await postToGateway({
        to: m.toAddr,
        from: m.fromAddr,
        text: m.text,
        reference: String(m.id),
      });
    } catch (err) {
      error =
        err instanceof Error
          ? err.name === 'TimeoutError'
            ? 'gateway timed out'
            : err.message
          : String(err);
    }
    const delay = RETRY_DELAYS_S[m.attempts - 1];
    await inWriteTx(db, null, async (w) => {
      const [row] = await w.tx
        .update(messages)
        .set(
          error === null
            ? { deliveryStatus: 'sent', gatewayId, nextAttemptAt: null, deliveryError: null }
            : delay === undefined
              ? { deliveryStatus: 'failed', nextAttemptAt: null, deliveryError: error }
              : {
                  deliveryError: error,
                  nextAttemptAt: sql`now() + make_interval(secs => ${delay})`,
                },
        )
        .where(eq(messages.id, m.id))
        .returning();
      if (row && (error === null || delay === undefined)) await recordDelivery(w, row);
    });
  }
  return due.length;
}

/** A delivery report from the gateway (by our reference, the message id). */
export async function smsDeliveryReport(db: Db, actor: Principal, input: z.infer<typeof ZSmsStatus>) {
  const id = Number(input.reference);
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .update(messages)
      .set({ deliveryStatus: input.status, deliveryError: input.error ?? null, nextAttemptAt: null })
      .where(
        and(
          eq(messages.channel, 'sms'),
          eq(messages.direction, 'out'),
          eq(messages.id, Number.isInteger(id) && id > 0 && id <= INT32_MAX ? id : -1),
        ),
      )
      .returning();
    if (!row)
      throw new AppError('validation_failed', 'unknown reference', [
        { field: 'body.reference', message: 'no such SMS' },
      ]);
    return recordDelivery(w, row);
  });
  return result;
}
