import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { centres } from './centres';
import { ASSIGNMENT_STATUSES, CHANNELS, INCIDENT_STATUSES, NOTE_KINDS, OUTCOMES, PRIORITIES } from './enums';
import { stations, units } from './organisation';
import { geographyPoint } from './types';

export const incidentTypes = pgTable('incident_types', {
  code: text('code').primaryKey(),
  nameSl: text('name_sl').notNull(),
  nameEn: text('name_en').notNull(),
  defaultPriority: text('default_priority', { enum: PRIORITIES }).notNull(),
  // Agencies (codes) normally sent to this kind of incident.
  agencies: text('agencies').array().notNull().default(sql`'{}'::text[]`),
  /** Capabilities the incident needs, e.g. [{"capability":"fire","count":2}] (lib/triage/schemas.ts). */
  needs: jsonb('needs').notNull().default(sql`'[]'::jsonb`),
  /** Protocol questions whose answers set the priority and add needs (lib/triage/schemas.ts). */
  questions: jsonb('questions').notNull().default(sql`'[]'::jsonb`),
  sort: integer('sort').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// One counter row per year (Europe/Ljubljana) gives gap-free human numbers such as 2026-000123.
export const incidentCounters = pgTable('incident_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const incidents = pgTable(
  'incidents',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    type: text('type')
      .notNull()
      .references(() => incidentTypes.code),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull().default('new'),
    position: geographyPoint('position').notNull(),
    // The position in D96/TM (EPSG:3794), kept by PostgreSQL with the position (issue 20: two
    // transforms per row were 66 ms of a 5,000-incident board's query).
    d96E: doublePrecision('d96_e').generatedAlwaysAs(
      sql`round(ST_X(ST_Transform(position::geometry, 3794))::numeric, 2)::float8`,
    ),
    d96N: doublePrecision('d96_n').generatedAlwaysAs(
      sql`round(ST_Y(ST_Transform(position::geometry, 3794))::numeric, 2)::float8`,
    ),
    locationAccuracyM: integer('location_accuracy_m'),
    address: text('address').notNull().default(''),
    callerPhone: text('caller_phone').notNull().default(''),
    callerName: text('caller_name').notNull().default(''),
    channel: text('channel', { enum: CHANNELS }).notNull().default('phone'),
    description: text('description').notNull().default(''),
    /** Opened by a machine (eCall) and waiting for a call-taker to confirm it. */
    flagged: boolean('flagged').notNull().default(false),
    /** The protocol answers given at intake and the priority they suggested. */
    triage: jsonb('triage'),
    createdBy: integer('created_by').references(() => users.id),
    /** When the call was answered (the call-taker's form started), for call → incident times. */
    callStartedAt: timestamp('call_started_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** How a closed incident ended (null while open and for a cancelled one). */
    outcome: text('outcome', { enum: OUTCOMES }),
    /** The dispatcher's remark on closing, or the reason for cancelling. */
    closeRemark: text('close_remark').notNull().default(''),
    /** A duplicate merged into another incident points to the survivor. */
    mergedInto: integer('merged_into'),
    /** The centre the incident belongs to: its region's at creation, another's after a hand-over. */
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('incidents_position_gist').using('gist', t.position),
    index('incidents_status_idx').on(t.status),
    index('incidents_centre_open_idx')
      .on(t.centreId)
      .where(sql`${t.status} in ('new','dispatched','in_progress')`),
    // The recently ended list (to reopen) reads the newest closings.
    index('incidents_closed_at_idx').on(t.closedAt).where(sql`${t.closedAt} is not null`),
    index('incidents_created_by_idx').on(t.createdBy, t.createdAt),
    // "Called before": a 112 call finds the incidents of its number by the number's last eight digits.
    index('incidents_caller_tail_idx').on(sql`right(regexp_replace(${t.callerPhone}, '[^0-9]', '', 'g'), 8)`),
    check('incidents_priority_check', sql`${t.priority} in ('red','yellow','green')`),
    check(
      'incidents_status_check',
      sql`${t.status} in ('new','dispatched','in_progress','closed','cancelled')`,
    ),
    check(
      'incidents_outcome_check',
      sql`${t.outcome} is null or ${t.outcome} in ('handled','false_alarm','no_action','handed_over','duplicate')`,
    ),
    foreignKey({ columns: [t.mergedInto], foreignColumns: [t.id] }).onDelete('restrict'),
  ],
);

// Related incidents (the same storm, a chain collision on both carriageways): a pair stored once,
// the smaller id first.
export const incidentLinks = pgTable(
  'incident_links',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    linkedId: integer('linked_id')
      .notNull()
      .references(() => incidents.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.linkedId] }),
    index('incident_links_linked_idx').on(t.linkedId),
    check('incident_links_order_check', sql`${t.incidentId} < ${t.linkedId}`),
  ],
);

export const incidentNotes = pgTable(
  'incident_notes',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    text: text('text').notNull(),
    /** A plain note, or the reason given with a lifecycle action (the screens label it). */
    kind: text('kind', { enum: NOTE_KINDS }).notNull().default('note'),
    authorId: integer('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_notes_incident_idx').on(t.incidentId)],
);

export const assignments = pgTable(
  'assignments',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull().default('alerted'),
    createdBy: integer('created_by').references(() => users.id),
    alertedAt: timestamp('alerted_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    enRouteAt: timestamp('en_route_at', { withTimezone: true }),
    onSceneAt: timestamp('on_scene_at', { withTimezone: true }),
    transportingAt: timestamp('transporting_at', { withTimezone: true }),
    atHospitalAt: timestamp('at_hospital_at', { withTimezone: true }),
    returningAt: timestamp('returning_at', { withTimezone: true }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    index('assignments_incident_idx').on(t.incidentId),
    // A unit works on at most one incident at a time.
    uniqueIndex('assignments_active_unit_uq').on(t.unitId).where(sql`${t.releasedAt} is null`),
  ],
);

export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => assignments.id),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    acknowledgedByName: text('acknowledged_by_name'),
    /** Set when the acknowledgement timeout passed (lib/alerts/escalate-overdue-alerts.ts). */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** Set when the unit was released before anyone acknowledged: the station's alarm stops. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    realertCount: integer('realert_count').notNull().default(0),
  },
  (t) => [
    index('alerts_station_idx').on(t.stationId, t.acknowledgedAt),
    index('alerts_incident_idx').on(t.incidentId),
  ],
);

// Stored answers of writes that carried an Idempotency-Key, committed with the write itself.
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: text('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.principal, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

export type Incident = typeof incidents.$inferSelect;
export type Assignment = typeof assignments.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
export type IncidentNote = typeof incidentNotes.$inferSelect;

// Further callers about the same emergency, attached instead of opening a duplicate incident.
export const incidentCallers = pgTable(
  'incident_callers',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    phone: text('phone').notNull().default(''),
    name: text('name').notNull().default(''),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('incident_callers_incident_idx').on(t.incidentId),
    index('incident_callers_phone_tail_idx').on(sql`right(regexp_replace(${t.phone}, '[^0-9]', '', 'g'), 8)`),
  ],
);

// Hand-over of an incident to a service outside the centre (police 113, medical dispatch, another
// centre); the service's account receives it over the socket and acknowledges it.
export const handovers = pgTable(
  'handovers',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedByName: text('acknowledged_by_name'),
  },
  (t) => [
    index('handovers_station_idx').on(t.stationId, t.acknowledgedAt),
    index('handovers_incident_idx').on(t.incidentId),
  ],
);

// The incidents that concern each station (alerted to it, or handed over to it): a view (migration
// 0019), the one definition every reader of a station's scope uses (lib/stations/station-scope.ts).
export const stationIncidents = pgView('station_incidents', {
  stationId: integer('station_id').notNull(),
  incidentId: integer('incident_id').notNull(),
}).existing();
