import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { centres } from './centres';
import { UNIT_STATUSES } from './enums';
import { geographyPoint, geographyPolygon } from './types';

export const agencies = pgTable('agencies', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameSl: text('name_sl').notNull(),
  nameEn: text('name_en').notNull(),
  // Seconds a station of this agency has to acknowledge an alert before it is escalated.
  ackTimeoutS: integer('ack_timeout_s').notNull().default(60),
  // Minutes a unit of this agency may be en route or on scene before the dispatcher's board warns.
  enRouteLimitMin: integer('en_route_limit_min').notNull().default(20),
  onSceneLimitMin: integer('on_scene_limit_min').notNull().default(90),
});

export const stations = pgTable(
  'stations',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    address: text('address').notNull().default(''),
    position: geographyPoint('position').notNull(),
    serviceArea: geographyPolygon('service_area'),
    /** Where a 112 call is transferred to reach this service (sip:, sips: or tel: URI). */
    transferUri: text('transfer_uri'),
    /** The centre whose region the station serves (its units are that centre's). */
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stations_position_gist').using('gist', t.position),
    index('stations_service_area_gist').using('gist', t.serviceArea),
    index('stations_centre_idx').on(t.centreId),
  ],
);

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    callsign: text('callsign').notNull().unique(),
    type: text('type').notNull(),
    capabilities: text('capabilities').array().notNull().default(sql`'{}'::text[]`),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    status: text('status', { enum: UNIT_STATUSES }).notNull().default('available'),
    position: geographyPoint('position'),
    positionAt: timestamp('position_at', { withTimezone: true }),
    /** When the unit entered its current status (the units board's "for how long"). */
    statusSince: timestamp('status_since', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('units_position_gist').using('gist', t.position),
    index('units_station_idx').on(t.stationId),
    check(
      'units_status_check',
      sql`${t.status} in ('available','alerted','acknowledged','en_route','on_scene','transporting','at_hospital','returning','out_of_service')`,
    ),
  ],
);

export type Agency = typeof agencies.$inferSelect;
export type Station = typeof stations.$inferSelect;
export type Unit = typeof units.$inferSelect;
