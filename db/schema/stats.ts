import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// The statistics' summary, kept by the writes: an AFTER INSERT trigger on the event log (migration
// 0027) folds each event into these rows in the appending transaction, so a year's response times are
// read from one row per incident and one per unit sent instead of from every event. They hold nothing
// the log does not (a rebuild from the log gives the same rows), and the figures are the same as when
// they were computed from the log (tests/integration/supervision.test.ts, known answers).

/** One row per incident: when it was logged, the call's start, its latest priority, type and centre. */
export const statsIncidents = pgTable(
  'stats_incidents',
  {
    incidentId: integer('incident_id').primaryKey(),
    /** The incident.created event's time (null until that event is in the log). */
    createdAt: timestamp('created_at', { withTimezone: true }),
    callStartedAt: timestamp('call_started_at', { withTimezone: true }),
    priority: text('priority'),
    type: text('type'),
    centreId: integer('centre_id'),
    /** The seq of the snapshot the priority, type and centre come from (the latest wins). */
    snapshotSeq: bigint('snapshot_seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('stats_incidents_created_idx').on(t.createdAt)],
);

/** One row per unit (and station) sent to an incident: its first alert, acknowledgement, arrival. */
export const statsUnitTimes = pgTable(
  'stats_unit_times',
  {
    incidentId: integer('incident_id').notNull(),
    unitId: integer('unit_id').notNull(),
    stationId: integer('station_id').notNull(),
    alertedAt: timestamp('alerted_at', { withTimezone: true }),
    ackAt: timestamp('ack_at', { withTimezone: true }),
    onSceneAt: timestamp('on_scene_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.unitId, t.stationId] })],
);
