import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The append-only event log: the source of the realtime stream, the audit trail and the timelines.
// Rows are written under a transaction-scoped advisory lock (lib/events/append-event.ts), so seq
// order equals commit order and a reader resuming "after seq N" never skips a late commit.
// A trigger (migration 0002) rejects UPDATE and DELETE.
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

export type EventRow = typeof events.$inferSelect;
