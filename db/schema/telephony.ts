import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { centres } from './centres';
import { CALL_STATES } from './enums';
import { incidents } from './incidents';
import { geographyPoint } from './types';

// The 112 call before (and beside) the incident: one row per SIP call the centre's edge (Kamailio)
// reported, with what the INVITE carried. The caller's location stays here, apart from the incident's,
// until a call-taker takes it into the form.
export const calls = pgTable(
  'calls',
  {
    id: serial('id').primaryKey(),
    sipCallId: text('sip_call_id').notNull().unique(),
    state: text('state', { enum: CALL_STATES }).notNull(),
    /** The caller's number, canonical (+386…), from P-Asserted-Identity or From; null if none reads. */
    caller: text('caller'),
    /** The identity as the network asserted it (P-Asserted-Identity, else From). */
    callerUri: text('caller_uri'),
    callerName: text('caller_name'),
    /** When the call reached the edge (the caller's wait starts here). */
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    answeredByPosition: text('answered_by_position'),
    answeredByUser: integer('answered_by_user').references(() => users.id),
    ringingPositions: text('ringing_positions').array().notNull().default(sql`'{}'::text[]`),
    /** cancelled, no_position, caller, position, transferred, overflow */
    endReason: text('end_reason'),
    position: geographyPoint('position'),
    accuracyM: doublePrecision('accuracy_m'),
    /** The shape as sent (kind, radius, axes, vertices), the civic address, method, reference. */
    location: jsonb('location').notNull().default(sql`'{}'::jsonb`),
    /** What deserves a second look (codes, labelled on the screens). */
    doubts: text('doubts').array().notNull().default(sql`'{}'::text[]`),
    /** RFC 7852 additional data: provider, service, device, subscriber. */
    additionalData: jsonb('additional_data').notNull().default(sql`'{}'::jsonb`),
    language: text('language'),
    /** Earlier calls and incidents of this number in the 24 hours before the call. */
    history: jsonb('history').notNull().default(sql`'{}'::jsonb`),
    incidentId: integer('incident_id').references(() => incidents.id),
    fromTag: text('from_tag'),
    toTag: text('to_tag'),
    transferredTo: text('transferred_to'),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    callbackBy: integer('callback_by').references(() => users.id),
    /** reached, no_answer, not_needed */
    callbackOutcome: text('callback_outcome'),
    callbackNote: text('callback_note'),
    /** The INVITE as the edge received it. */
    raw: text('raw').notNull().default(''),
    source: text('source'),
    /** The centre the call came in for (the edge's word, else the caller's region). */
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    /** The centre whose positions it was offered to (its partner while the centre is taken over). */
    routedCentreId: integer('routed_centre_id')
      .notNull()
      .references(() => centres.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('calls_waiting_idx').on(t.offeredAt).where(sql`${t.state} = 'waiting'`),
    index('calls_routed_waiting_idx').on(t.routedCentreId).where(sql`${t.state} = 'waiting'`),
    index('calls_caller_idx').on(t.caller, t.offeredAt),
    index('calls_offered_idx').on(t.offeredAt),
    index('calls_incident_idx').on(t.incidentId).where(sql`${t.incidentId} is not null`),
    check('calls_state_check', sql`${t.state} in ('waiting','answered','ended','abandoned','transferred')`),
  ],
);

/** The edge's events already applied (Kamailio retries until it hears 2xx): one row per event id. */
export const telephonyEvents = pgTable('telephony_events', {
  id: text('id').primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The call-taker positions: whose phone is registered, and who sits at it. */
export const callPositions = pgTable('call_positions', {
  position: text('position').primaryKey(),
  contact: text('contact'),
  registeredUntil: timestamp('registered_until', { withTimezone: true }),
  userId: integer('user_id')
    .references(() => users.id)
    .unique(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type CallRow = typeof calls.$inferSelect;
