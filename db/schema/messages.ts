import { sql } from 'drizzle-orm';
import {
  check,
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
import { CONVERSATION_STATUSES, MESSAGE_CHANNELS } from './enums';
import { incidents } from './incidents';

// Written channels: 112 e-mail and SMS 112. A conversation is one counterpart's thread (an e-mail
// thread, or one phone number's SMS exchange); every message in or out is a row, stored before the
// sender is told it was received.

export const conversations = pgTable(
  'conversations',
  {
    id: serial('id').primaryKey(),
    channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
    /** The e-mail address or the phone number (E.164) on the other side. */
    counterpart: text('counterpart').notNull(),
    subject: text('subject').notNull().default(''),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('new'),
    claimedBy: integer('claimed_by').references(() => users.id),
    claimedByName: text('claimed_by_name'),
    incidentId: integer('incident_id').references(() => incidents.id),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('conversations_status_idx').on(t.status, t.lastMessageAt),
    index('conversations_counterpart_idx').on(t.channel, t.counterpart),
    check('conversations_channel_check', sql`${t.channel} in ('email','sms')`),
    check('conversations_status_check', sql`${t.status} in ('new','claimed','answered','incident','closed')`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id),
    channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** Message-ID of an e-mail, the gateway's id of an SMS: a second delivery is the same row. */
    externalId: text('external_id'),
    fromAddr: text('from_addr').notNull(),
    toAddr: text('to_addr').notNull(),
    subject: text('subject').notNull().default(''),
    text: text('text').notNull().default(''),
    /** Sanitised HTML (no scripts, no remote content); shown only as such. */
    html: text('html'),
    /** Name, type and size of each attachment; the content is not kept or rendered. */
    attachments: jsonb('attachments').notNull().default(sql`'[]'::jsonb`),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'::text[]`),
    /** Outbound: queued → sent → delivered, or failed. */
    deliveryStatus: text('delivery_status'),
    deliveryError: text('delivery_error'),
    attempts: integer('attempts').notNull().default(0),
    /** Outbound SMS: when the gateway is tried again (null: nothing left to try). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** The gateway's id for an outbound SMS (delivery reports name it). */
    gatewayId: text('gateway_id'),
    authorId: integer('author_id').references(() => users.id),
    authorName: text('author_name'),
    sizeBytes: integer('size_bytes').notNull().default(0),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.at),
    index('messages_retry_idx').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} is not null`),
    uniqueIndex('messages_external_uq')
      .on(t.channel, t.direction, t.externalId)
      .where(sql`${t.externalId} is not null`),
    check('messages_direction_check', sql`${t.direction} in ('in','out')`),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
