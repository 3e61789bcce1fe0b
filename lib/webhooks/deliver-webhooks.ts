import { createHmac } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { events, webhookDeliveries, webhookSubscriptions } from '../../db/schema';
import { toFrame } from '../events/read-event';

export interface DeliveryOptions {
  timeoutMs: number;
  /** First retry after this, doubling up to an hour. */
  retryBaseMs: number;
  /** After this many failed attempts of one event, it is given up and the next one is delivered. */
  maxAttempts: number;
  /** Events per subscription per round. */
  batch?: number;
}

type Subscription = typeof webhookSubscriptions.$inferSelect;

/** The signature a receiver checks: HMAC-SHA256 of "<timestamp>.<body>" with the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * One round: every subscription that is due and not leased by another node gets its next events, in
 * order, each POSTed once with a timeout. Subscriptions run side by side, so a slow or failing receiver
 * delays only its own deliveries; nothing here is on the path of a write.
 */
export async function deliverWebhooks(db: Db, opts: DeliveryOptions): Promise<number> {
  const due = await db
    .update(webhookSubscriptions)
    .set({
      leaseUntil: sql`now() + make_interval(secs => ${Math.ceil((opts.timeoutMs * (opts.batch ?? 20)) / 1000) + 30})`,
    })
    .where(
      and(
        eq(webhookSubscriptions.active, true),
        or(isNull(webhookSubscriptions.leaseUntil), lte(webhookSubscriptions.leaseUntil, sql`now()`)),
        or(isNull(webhookSubscriptions.nextAttemptAt), lte(webhookSubscriptions.nextAttemptAt, sql`now()`)),
      ),
    )
    .returning();
  const counts = await Promise.all(due.map((s) => deliverSubscription(db, s, opts)));
  return counts.reduce((a, b) => a + b, 0);
}

async function deliverSubscription(db: Db, sub: Subscription, opts: DeliveryOptions): Promise<number> {
  let delivered = 0;
  let cursor = sub.cursor;
  let attempts = sub.attempts;
  try {
    const [{ head } = { head: 0 }] = await db
      .select({ head: sql<number>`coalesce(max(${events.seq}), 0)::bigint` })
      .from(events);
    for (let i = 0; i < (opts.batch ?? 20); i++) {
      const [row] = await db
        .select()
        .from(events)
        .where(
          and(
            gt(events.seq, cursor),
            sub.eventTypes.length ? inArray(events.type, sub.eventTypes) : undefined,
          ),
        )
        .orderBy(asc(events.seq))
        .limit(1);
      if (!row) {
        // Nothing of its types up to the head: skip the scanned part next time.
        if (Number(head) > cursor && attempts === 0) {
          cursor = Number(head);
          await db.update(webhookSubscriptions).set({ cursor }).where(eq(webhookSubscriptions.id, sub.id));
        }
        break;
      }
      const body = JSON.stringify({ subscription: sub.id, ...toFrame(row) });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const started = Date.now();
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await fetch(sub.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'cad112-webhooks/1',
            'x-cad112-event': row.type,
            'x-cad112-delivery': `${sub.id}-${row.seq}`,
            'x-cad112-signature': `t=${timestamp},v1=${webhookSignature(sub.secret, timestamp, body)}`,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
        status = res.status;
        await res.body?.cancel().catch(() => {});
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (err) {
        error =
          err instanceof Error && err.name === 'TimeoutError'
            ? `no answer within ${opts.timeoutMs} ms`
            : String((err as Error).message ?? err);
      }
      const ms = Date.now() - started;
      if (error === null) {
        attempts = 0;
        cursor = row.seq;
        delivered++;
        await db.insert(webhookDeliveries).values({
          subscriptionId: sub.id,
          seq: row.seq,
          eventType: row.type,
          status: 'delivered',
          attempt: sub.attempts + 1,
          responseStatus: status,
          durationMs: ms,
        });
        await db
          .update(webhookSubscriptions)
          .set({ cursor, attempts: 0, lastError: null, failingSince: null, nextAttemptAt: null })
          .where(eq(webhookSubscriptions.id, sub.id));
        continue;
      }
      attempts++;
      const giveUp = attempts >= opts.maxAttempts;
      await db.insert(webhookDeliveries).values({
        subscriptionId: sub.id,
        seq: row.seq,
        eventType: row.type,
        status: giveUp ? 'failed' : 'retrying',
        attempt: attempts,
        responseStatus: status,
        error,
        durationMs: ms,
      });
      const delay = Math.min(3_600_000, opts.retryBaseMs * 2 ** (attempts - 1));
      await db
        .update(webhookSubscriptions)
        .set({
          // Given up: this event is skipped (it stays in the log and in the delivery list).
          cursor: giveUp ? row.seq : cursor,
          attempts: giveUp ? 0 : attempts,
          lastError: error,
          failingSince: sql`coalesce(${webhookSubscriptions.failingSince}, now())`,
          nextAttemptAt: giveUp ? null : sql`now() + make_interval(secs => ${delay / 1000})`,
        })
        .where(eq(webhookSubscriptions.id, sub.id));
      break;
    }
  } finally {
    await db
      .update(webhookSubscriptions)
      .set({ leaseUntil: null })
      .where(eq(webhookSubscriptions.id, sub.id));
  }
  return delivered;
}
