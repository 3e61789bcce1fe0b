import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { events, webhookDeliveries, webhookSubscriptions } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { notFound } from '../errors';
import { webhookCreated, webhookDeactivated } from '../events/build';
import { EVENT_TYPES } from '../events/catalogue';
import { inWriteTx } from '../events/write-tx';

export const ZCreateWebhook = z.object({
  name: z.string().trim().min(1).max(100),
  url: z
    .string()
    .trim()
    .max(2000)
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'http or https only'),
  events: z.array(z.enum(EVENT_TYPES)).max(EVENT_TYPES.length).default([]),
});

type Row = typeof webhookSubscriptions.$inferSelect;
export type WebhookDto = ReturnType<typeof dto>;

function dto(s: Row) {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    events: s.eventTypes,
    active: s.active,
    cursor: s.cursor,
    attempts: s.attempts,
    lastError: s.lastError,
    failingSince: s.failingSince?.toISOString() ?? null,
    nextAttemptAt: s.nextAttemptAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

/** A new subscription starts at the log's head; its secret is returned this once. */
export async function createWebhook(db: Db, actor: Principal, input: z.infer<typeof ZCreateWebhook>) {
  const secret = randomBytes(24).toString('base64url');
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .insert(webhookSubscriptions)
      .values({
        name: input.name,
        url: input.url,
        eventTypes: input.events,
        secret,
        createdBy: actor.userId,
        cursor: sql`(select coalesce(max(${events.seq}), 0) from ${events})`,
      })
      .returning();
    if (!row) throw new Error('webhook not stored');
    const out = dto(row);
    w.emit(webhookCreated(out));
    return { ...out, secret };
  });
  return result;
}

export async function listWebhooks(db: Db) {
  const rows = await db.select().from(webhookSubscriptions).orderBy(webhookSubscriptions.id);
  return rows.map(dto);
}

export async function listDeliveries(db: Db, id: number) {
  const [s] = await db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, id));
  if (!s) throw notFound('webhook');
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, id))
    .orderBy(desc(webhookDeliveries.id))
    .limit(200);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** Stops deliveries; the subscription and its delivery history stay for the record. */
export async function deactivateWebhook(db: Db, actor: Principal, id: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .update(webhookSubscriptions)
      .set({ active: false })
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    if (!row) throw notFound('webhook');
    const out = dto(row);
    w.emit(webhookDeactivated(out));
    return out;
  });
  return result;
}
