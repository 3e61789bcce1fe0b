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
  ],
);

export type EventRow = typeof events.$inferSelect;
