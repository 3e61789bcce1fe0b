import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { bytea } from './types';

// The append-only event log: the source of the realtime stream, the audit trail and the timelines.
// Rows are written under a transaction-scoped advisory lock (lib/events/append-event.ts), so seq
// order equals commit order and a reader resuming "after seq N" never skips a late commit.
// A trigger (migration 0002) rejects UPDATE and DELETE; the server's own role may only INSERT
// (db/roles.ts). Each row is chained (migration 0025, docs/proof.md): hash = SHA-256 of the previous
// row's hash and this row's content, set by a trigger in the appending transaction, in seq order.
export const events = pgTable(
  'events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    incidentId: integer('incident_id'),
    unitId: integer('unit_id'),
    stationId: integer('station_id'),
    actorUserId: integer('actor_user_id'),
    actor: text('actor').notNull(),
    payload: jsonb('payload').notNull(),
    /** Set by the database (trigger events_chain), never by the application; see lib/audit/chain.ts. */
    hash: bytea('hash').notNull(),
  },
  (t) => [
    index('events_incident_idx').on(t.incidentId, t.seq),
    index('events_station_idx').on(t.stationId, t.seq),
    // Audit filters (who, which unit, when) and statistics (the incidents created in a period). Every
    // write pays for these, so they are lean: time is a BRIN (rows arrive in time order), and the
    // statistics' index holds only incident.created rows.
    index('events_actor_idx').on(t.actorUserId, t.seq),
    index('events_unit_idx').on(t.unitId, t.seq),
    index('events_created_at_idx').on(t.at).where(sql`${t.type} = 'incident.created'`),
    index('events_at_brin').using('brin', t.at),
  ],
);

/** An event as the application reads it; its chain hash is the verifier's business (lib/audit/chain.ts). */
export type EventRow = Omit<typeof events.$inferSelect, 'hash'>;

// Anchors: the chain's head at a moment, also written outside the database (a file, an address), so a
// rewrite of the whole tail, hashes recomputed, no longer matches what was sent out.
export const auditAnchors = pgTable('audit_anchors', {
  id: serial('id').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** Where it was written: file path, e-mail address, URL; and what failed. */
  destinations: jsonb('destinations').notNull().default([]),
});
