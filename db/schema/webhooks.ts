import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth';

// Integrations subscribe a URL to event types. Each subscription reads the event log from its own
// cursor, in order; deliveries are signed (HMAC-SHA256) and retried with backoff. A failing receiver
// holds back only its own subscription.
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** Event types to deliver; empty = every type. */
  eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
  /** The HMAC key, shown once at creation (the receiver must know it to check signatures). */
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  /** The last event seq this subscription is done with (delivered, skipped or given up). */
  cursor: bigint('cursor', { mode: 'number' }).notNull().default(0),
  /** A node working on it holds the lease; another node leaves it alone until it runs out. */
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  failingSince: timestamp('failing_since', { withTimezone: true }),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: serial('id').primaryKey(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    /** delivered | retrying | failed */
    status: text('status').notNull(),
    attempt: integer('attempt').notNull(),
    responseStatus: integer('response_status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_deliveries_sub_idx').on(t.subscriptionId, t.at)],
);

// EMSI messages received from partners: one row per CONTEXT/ID (a repeated message changes nothing),
// mapping the partner's EVENT/ID to our incident.
export const emsiMessages = pgTable(
  'emsi_messages',
  {
    id: serial('id').primaryKey(),
    contextId: text('context_id').notNull(),
    eventId: text('event_id').notNull(),
    originOrg: text('origin_org').notNull().default(''),
    msgType: text('msg_type').notNull(),
    incidentId: integer('incident_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The whole message as read (namespace prefixes dropped): nothing a partner sent is lost. */
    message: jsonb('message').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    uniqueIndex('emsi_messages_context_uq').on(t.contextId),
    index('emsi_messages_event_idx').on(t.originOrg, t.eventId),
  ],
);
