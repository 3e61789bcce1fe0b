import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { centres } from './centres';
import { NOTIFICATION_STATES } from './enums';
import { incidents } from './incidents';
import { stations } from './organisation';
import { geographyMultiPolygon, geographyPoint, geographyPolygon } from './types';

// The centre's domain databases (issue 17): municipalities, the on-call directory with its rosters and
// notifications, defibrillators, water sources, hospitals, location notes and dangerous goods.

/** Slovenia's municipalities: the seat as a centroid always, the area when one was imported. */
export const municipalities = pgTable(
  'municipalities',
  {
    id: serial('id').primaryKey(),
    sourceKey: text('source_key').notNull().unique(),
    name: text('name').notNull(),
    search: text('search').notNull(),
    centroid: geographyPoint('centroid').notNull(),
    area: geographyMultiPolygon('area'),
    /** The regional 112 centre (ReCO) whose region the municipality is in. */
    centreId: integer('centre_id').references(() => centres.id),
  },
  (t) => [
    index('municipalities_centroid_gist').using('gist', t.centroid),
    index('municipalities_area_gist').using('gist', t.area),
  ],
);

export interface ServiceContact {
  channel: 'phone' | 'sms' | 'email' | 'webhook';
  address: string;
}

/** An on-call service (electricity distributor, water utility …) and where it answers for. */
export const oncallServices = pgTable(
  'oncall_services',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** Incident types it is suggested for. */
    incidentTypes: text('incident_types').array().notNull().default(sql`'{}'::text[]`),
    /** Covers the whole country (a national service) rather than listed municipalities or an area. */
    national: boolean('national').notNull().default(false),
    municipalityIds: integer('municipality_ids').array().notNull().default(sql`'{}'::int[]`),
    area: geographyPolygon('area'),
    /** The service's own channels (a duty desk), used when the officer on duty has none of that kind. */
    contacts: jsonb('contacts').$type<ServiceContact[]>().notNull().default(sql`'[]'::jsonb`),
    /** A station whose account takes hand-overs for this service. */
    handoverStationId: integer('handover_station_id').references(() => stations.id),
    note: text('note').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('oncall_services_municipalities_gin').using('gin', t.municipalityIds)],
);

/** The weekly pattern: on ISO weekday 1–7 from `starts` to `ends` (past midnight when ends ≤ starts). */
export const oncallShifts = pgTable(
  'oncall_shifts',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => oncallServices.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    starts: time('starts').notNull(),
    ends: time('ends').notNull(),
    officer: text('officer').notNull(),
    phone: text('phone'),
    email: text('email'),
  },
  (t) => [
    index('oncall_shifts_service_idx').on(t.serviceId),
    check('oncall_shifts_weekday_check', sql`${t.weekday} between 1 and 7`),
  ],
);

/** A holiday, a swap: who is on duty from `starts_at` to `ends_at` instead of the weekly pattern. */
export const oncallExceptions = pgTable(
  'oncall_exceptions',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => oncallServices.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    officer: text('officer').notNull(),
    phone: text('phone'),
    email: text('email'),
    reason: text('reason').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('oncall_exceptions_service_idx').on(t.serviceId, t.startsAt),
    check('oncall_exceptions_order_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** One notification of a service about an incident, and its acknowledgement. */
export const oncallNotifications = pgTable(
  'oncall_notifications',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => oncallServices.id),
    serviceName: text('service_name').notNull(),
    officer: text('officer'),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    text: text('text').notNull(),
    state: text('state', { enum: NOTIFICATION_STATES }).notNull(),
    error: text('error'),
    /** sha-256 of the acknowledgement link's token (the link is only in the message sent). */
    ackTokenHash: text('ack_token_hash').unique(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    /** link, phone, webhook: how the acknowledgement came; by whom when recorded by hand. */
    ackVia: text('ack_via'),
    ackNote: text('ack_note'),
    createdBy: integer('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('oncall_notifications_incident_idx').on(t.incidentId),
    check('oncall_notifications_state_check', sql`${t.state} in ('sent','failed','acknowledged')`),
  ],
);

/** A public-access defibrillator. */
export const aeds = pgTable(
  'aeds',
  {
    id: serial('id').primaryKey(),
    sourceKey: text('source_key').notNull().unique(),
    name: text('name').notNull().default(''),
    position: geographyPoint('position').notNull(),
    access: text('access').notNull().default(''),
    /** OpenStreetMap opening_hours syntax; null: unknown. */
    openingHours: text('opening_hours'),
    /** 24/7: no need to evaluate the hours (the common case outdoors). */
    alwaysOpen: boolean('always_open').notNull().default(false),
    indoor: boolean('indoor'),
    owner: text('owner').notNull().default(''),
    phone: text('phone'),
    lastCheck: date('last_check'),
    doubts: text('doubts').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('aeds_position_gist').using('gist', t.position)],
);

/** A hydrant or another water source for fire crews. */
export const waterSources = pgTable(
  'water_sources',
  {
    id: serial('id').primaryKey(),
    sourceKey: text('source_key').notNull().unique(),
    kind: text('kind').notNull(),
    ref: text('ref').notNull().default(''),
    position: geographyPoint('position').notNull(),
    diameterMm: integer('diameter_mm'),
    pressureBar: doublePrecision('pressure_bar'),
    flowLpm: integer('flow_lpm'),
    state: text('state').notNull().default('unknown'),
    note: text('note').notNull().default(''),
    doubts: text('doubts').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('water_sources_position_gist').using('gist', t.position)],
);

/** A hospital's emergency department and what it can take. */
export const hospitals = pgTable(
  'hospitals',
  {
    id: serial('id').primaryKey(),
    sourceKey: text('source_key').notNull().unique(),
    name: text('name').notNull(),
    position: geographyPoint('position').notNull(),
    capabilities: text('capabilities').array().notNull().default(sql`'{}'::text[]`),
    phone: text('phone'),
    address: text('address').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('hospitals_position_gist').using('gist', t.position)],
);

/** A warning tied to a place: shown to everyone working an incident within its radius. */
export const locationNotes = pgTable(
  'location_notes',
  {
    id: serial('id').primaryKey(),
    sourceKey: text('source_key').unique(),
    position: geographyPoint('position').notNull(),
    radiusM: integer('radius_m').notNull().default(50),
    address: text('address').notNull().default(''),
    text: text('text').notNull(),
    severity: text('severity').notNull().default('warning'),
    validFrom: date('valid_from'),
    validUntil: date('valid_until'),
    authorId: integer('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('location_notes_position_gist').using('gist', t.position),
    check('location_notes_radius_check', sql`${t.radiusM} between 1 and 5000`),
  ],
);

/** ERG guide pages: what to do first for a family of substances. */
export const ergGuides = pgTable('erg_guides', {
  guide: smallint('guide').primaryKey(),
  titleSl: text('title_sl').notNull(),
  titleEn: text('title_en').notNull(),
  /** Initial isolation in all directions (m). */
  isolateM: integer('isolate_m').notNull(),
  /** Large spill: consider evacuation downwind (m). */
  largeSpillM: integer('large_spill_m'),
  /** A tank, rail car or tank truck in a fire: isolate (m). */
  fireM: integer('fire_m'),
  hazardsSl: text('hazards_sl').notNull(),
  hazardsEn: text('hazards_en').notNull(),
  actionSl: text('action_sl').notNull(),
  actionEn: text('action_en').notNull(),
});

/** A substance by UN number (several rows may share one number: different names or forms). */
export const dangerousGoods = pgTable(
  'dangerous_goods',
  {
    id: serial('id').primaryKey(),
    unNumber: text('un_number').notNull(),
    nameEn: text('name_en').notNull(),
    nameSl: text('name_sl').notNull().default(''),
    adrClass: text('adr_class').notNull(),
    guide: smallint('guide').references(() => ergGuides.guide),
    /** Hazard identification numbers (orange plate, upper half) usual for the substance. */
    hazardIds: text('hazard_ids').array().notNull().default(sql`'{}'::text[]`),
    /** Toxic by inhalation: ERG Table 1 distances apply. */
    tih: boolean('tih').notNull().default(false),
    smallIsolateM: integer('small_isolate_m'),
    smallDayKm: doublePrecision('small_day_km'),
    smallNightKm: doublePrecision('small_night_km'),
    largeIsolateM: integer('large_isolate_m'),
    largeDayKm: doublePrecision('large_day_km'),
    largeNightKm: doublePrecision('large_night_km'),
    source: text('source').notNull().default(''),
  },
  (t) => [
    uniqueIndex('dangerous_goods_un_name_uq').on(t.unNumber, t.nameEn),
    index('dangerous_goods_un_idx').on(t.unNumber),
  ],
);

/** A substance reported at an incident (an orange plate read, a driver's papers). */
export const incidentSubstances = pgTable(
  'incident_substances',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    unNumber: text('un_number').notNull(),
    hazardId: text('hazard_id'),
    note: text('note').notNull().default(''),
    addedBy: integer('added_by').references(() => users.id),
    addedByName: text('added_by_name').notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_substances_incident_idx').on(t.incidentId)],
);

export type OncallService = typeof oncallServices.$inferSelect;
export type OncallShift = typeof oncallShifts.$inferSelect;
export type OncallException = typeof oncallExceptions.$inferSelect;
export type OncallNotification = typeof oncallNotifications.$inferSelect;
export type LocationNote = typeof locationNotes.$inferSelect;
