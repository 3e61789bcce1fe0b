import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { TAKEOVER_REASONS } from './enums';
import { incidents } from './incidents';
import { geographyPoint } from './types';

// Slovenia's 13 regional 112 centres (ReCO) on one system (issue 20). A centre's region is the set of
// municipalities that name it (municipalities.centre_id); its staff, stations and incidents name it too.
export const centres = pgTable('centres', {
  id: serial('id').primaryKey(),
  /** Two letters, as the centres abbreviate themselves (LJ, MB, KP …); the API's and the edge's key. */
  code: text('code').notNull().unique(),
  nameSl: text('name_sl').notNull(),
  nameEn: text('name_en').notNull(),
  /** Where the centre sits (the fall-back region of a point when no municipality is known). */
  seat: geographyPoint('seat').notNull(),
  /** Waiting calls above which the centre's calls overflow to its partner by themselves. */
  queueThreshold: integer('queue_threshold').notNull().default(6),
  /** The centre that takes over by default (overflow, night consolidation). */
  partnerId: integer('partner_id'),
  sort: integer('sort').notNull().default(0),
});

// A centre's calls and incidents handled by another centre: started by one action (a supervisor's
// decision, or the queue passing the threshold) and ended by one. At most one open per centre.
export const centreTakeovers = pgTable(
  'centre_takeovers',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => centres.id),
    reason: text('reason', { enum: TAKEOVER_REASONS }).notNull(),
    note: text('note').notNull().default(''),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    startedBy: integer('started_by').references(() => users.id),
    startedByName: text('started_by_name').notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedByName: text('ended_by_name'),
  },
  (t) => [
    uniqueIndex('centre_takeovers_open_idx').on(t.centreId).where(sql`${t.endedAt} is null`),
    check('centre_takeovers_partner_check', sql`${t.partnerId} <> ${t.centreId}`),
    check('centre_takeovers_reason_check', sql`${t.reason} in ('overflow','night','evacuation','decision')`),
  ],
);

// An incident handed from one centre to another: requested by the owning centre, and the incident is
// the other centre's once it acknowledges (until then the requesting centre keeps it).
export const incidentTransfers = pgTable(
  'incident_transfers',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    fromCentreId: integer('from_centre_id')
      .notNull()
      .references(() => centres.id),
    toCentreId: integer('to_centre_id')
      .notNull()
      .references(() => centres.id),
    reason: text('reason').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    requestedByName: text('requested_by_name').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedByName: text('accepted_by_name'),
  },
  (t) => [
    uniqueIndex('incident_transfers_pending_idx').on(t.incidentId).where(sql`${t.acceptedAt} is null`),
    index('incident_transfers_to_idx').on(t.toCentreId, t.acceptedAt),
  ],
);

export type Centre = typeof centres.$inferSelect;
export type CentreTakeover = typeof centreTakeovers.$inferSelect;
export type IncidentTransfer = typeof incidentTransfers.$inferSelect;
