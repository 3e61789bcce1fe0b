import { and, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import {
  alerts,
  assignments,
  type IncidentNote,
  incidentCallers,
  incidentNotes,
  incidents,
  units,
  users,
} from '../../db/schema';
import type { AssignmentStatus, IncidentStatus, NoteKind, Outcome, Priority } from '../../db/schema/enums';
import { latSql, lonSql } from '../geo/sql';

export interface IncidentDto {
  id: number;
  number: string;
  type: string;
  priority: Priority;
  status: IncidentStatus;
  location: {
    lat: number;
    lon: number;
    d96: { e: number; n: number };
    accuracyM: number | null;
    address: string;
  };
  caller: { phone: string; name: string };
  channel: string;
  description: string;
  flagged: boolean;
  triage: unknown;
  createdBy: number | null;
  callStartedAt: string | null;
  /** When the first unit was alerted (null before any assignment). */
  firstAlertedAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** How a closed incident ended; null while open and for a cancelled one. */
  outcome: Outcome | null;
  /** The remark on closing or the reason for cancelling ('' when none). */
  closeRemark: string;
  /** The incident this duplicate was merged into. */
  mergedInto: number | null;
  /** The centre the incident belongs to (its region's, or the one it was handed over to). */
  centreId: number;
  version: number;
}

// Timestamps as ISO 8601 text from PostgreSQL (UTC, milliseconds, as Date.toISOString writes them):
// the same from a select, an INSERT's RETURNING and the raw list query, with no Date in between.
export const isoSql = (col: SQLWrapper) =>
  sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const incidentColumns = {
  id: incidents.id,
  number: incidents.number,
  type: incidents.type,
  priority: incidents.priority,
  status: incidents.status,
  lat: latSql(incidents.position),
  lon: lonSql(incidents.position),
  e: incidents.d96E,
  n: incidents.d96N,
  accuracyM: incidents.locationAccuracyM,
  address: incidents.address,
  callerPhone: incidents.callerPhone,
  callerName: incidents.callerName,
  channel: incidents.channel,
  description: incidents.description,
  flagged: incidents.flagged,
  triage: incidents.triage,
  createdBy: incidents.createdBy,
  callStartedAt: isoSql(incidents.callStartedAt),
  // Qualified by hand: drizzle writes a bare "id" in a one-table select, which the subquery would bind
  // to assignments.id.
  firstAlertedAt: isoSql(
    sql`(select min(a.alerted_at) from assignments a where a.incident_id = "incidents"."id")`,
  ),
  createdAt: isoSql(incidents.createdAt),
  updatedAt: isoSql(incidents.updatedAt),
  closedAt: isoSql(incidents.closedAt),
  outcome: incidents.outcome,
  closeRemark: incidents.closeRemark,
  mergedInto: incidents.mergedInto,
  centreId: incidents.centreId,
  version: incidents.version,
};

interface Row {
  id: number;
  number: string;
  type: string;
  priority: IncidentDto['priority'];
  status: IncidentDto['status'];
  lat: number | null;
  lon: number | null;
  e: number | null;
  n: number | null;
  accuracyM: number | null;
  address: string;
  callerPhone: string;
  callerName: string;
  channel: string;
  description: string;
  flagged: boolean;
  triage: unknown;
  createdBy: number | null;
  callStartedAt: string | null;
  firstAlertedAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  outcome: Outcome | null;
  closeRemark: string;
  mergedInto: number | null;
  centreId: number;
  version: number;
}

/** An incident as the API gives it, from a row of `incidentColumns` (a select or an INSERT's RETURNING). */
export function incidentFromRow(r: Row): IncidentDto {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    priority: r.priority,
    status: r.status,
    location: {
      lat: r.lat ?? 0,
      lon: r.lon ?? 0,
      d96: { e: r.e ?? 0, n: r.n ?? 0 },
      accuracyM: r.accuracyM,
      address: r.address,
    },
    caller: { phone: r.callerPhone, name: r.callerName },
    channel: r.channel,
    description: r.description,
    flagged: r.flagged,
    triage: r.triage ?? null,
    createdBy: r.createdBy,
    callStartedAt: r.callStartedAt,
    firstAlertedAt: r.firstAlertedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    closedAt: r.closedAt,
    outcome: r.outcome,
    closeRemark: r.closeRemark,
    mergedInto: r.mergedInto,
    centreId: r.centreId,
    version: r.version,
  };
}

// The list is read as plain rows (db.execute) rather than through drizzle's select mapping, which
// cost 76 ms of a 5,000-incident board's 330 ms here; the columns and the DTO are the same.
const incidentSelectList = sql.join(
  Object.entries(incidentColumns).map(([alias, col]) => sql`${col} as ${sql.identifier(alias)}`),
  sql`, `,
);

/** One incident as a JSON value in a statement that reads other rows too; `incidentFromRow` reads it. */
export function incidentJsonSql(id: number): SQL<Row | null> {
  return sql<Row | null>`(select row_to_json(i) from (
           select ${incidentSelectList} from ${incidents} where ${incidents.id} = ${id}) i)`;
}

export async function selectIncidents(
  db: Db,
  where: SQL | undefined,
  opts: { limit?: number; byClosed?: boolean } = {},
): Promise<IncidentDto[]> {
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select ${incidentSelectList} from ${incidents}
       where ${where ?? sql`true`}
       order by ${opts.byClosed ? sql`${incidents.closedAt} desc nulls last, ` : sql``}${incidents.createdAt} desc,
                ${incidents.id} desc
       limit ${opts.limit ?? 1000}`),
  );
  return rows.map((r) => incidentFromRow(r));
}

/** Several incidents by id in one query (for lists that show each item's incident). */
export async function selectIncidentsByIds(db: Db, ids: number[]): Promise<Map<number, IncidentDto>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const list = await selectIncidents(db, inArray(incidents.id, unique), { limit: unique.length });
  return new Map(list.map((i) => [i.id, i]));
}

export async function selectIncident(db: Db, id: number): Promise<IncidentDto | undefined> {
  const [row] = await selectIncidents(db, eq(incidents.id, id), { limit: 1 });
  return row;
}

export interface AssignmentDto {
  id: number;
  incidentId: number;
  unitId: number;
  callsign: string;
  unitType: string;
  stationId: number;
  status: AssignmentStatus;
  alertedAt: string;
  acknowledgedAt: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
  releasedAt: string | null;
  alert: {
    id: number;
    sentAt: string;
    deliveredAt: string | null;
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
    escalatedAt: string | null;
    /** The unit was released before the alert was acknowledged. */
    cancelledAt: string | null;
  } | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// One array parameter, not one parameter per incident (5,000 of them for a board).
const anyOf = (ids: number[]) =>
  sql`${assignments.incidentId} = any(${`{${ids.map((i) => Math.trunc(i)).join(',')}}`}::int[])`;

/** The assignments of these incidents (or just one of them, by id), oldest first. */
export async function selectAssignments(
  db: Db,
  incidentIds: number[],
  assignmentId?: number,
): Promise<AssignmentDto[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .select({
      a: assignments,
      callsign: units.callsign,
      unitType: units.type,
      stationId: units.stationId,
      alert: alerts,
    })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .leftJoin(alerts, eq(alerts.assignmentId, assignments.id))
    .where(
      assignmentId === undefined
        ? anyOf(incidentIds)
        : and(anyOf(incidentIds), eq(assignments.id, assignmentId)),
    )
    .orderBy(assignments.id);
  return rows.map(({ a, callsign, unitType, stationId, alert }) => ({
    id: a.id,
    incidentId: a.incidentId,
    unitId: a.unitId,
    callsign,
    unitType,
    stationId,
    status: a.status,
    alertedAt: a.alertedAt.toISOString(),
    acknowledgedAt: iso(a.acknowledgedAt),
    enRouteAt: iso(a.enRouteAt),
    onSceneAt: iso(a.onSceneAt),
    releasedAt: iso(a.releasedAt),
    alert: alert
      ? {
          id: alert.id,
          sentAt: alert.sentAt.toISOString(),
          deliveredAt: iso(alert.deliveredAt),
          acknowledgedAt: iso(alert.acknowledgedAt),
          acknowledgedBy: alert.acknowledgedByName,
          escalatedAt: iso(alert.escalatedAt),
          cancelledAt: iso(alert.cancelledAt),
        }
      : null,
  }));
}

export interface NoteDto {
  id: number;
  incidentId: number;
  text: string;
  /** A plain note, or what a lifecycle action's reason belongs to. */
  kind: NoteKind;
  /** Who wrote it: the operator's name, or the sender of a message copied onto the timeline. */
  author: string;
  createdAt: string;
}

export function noteDto(n: IncidentNote): NoteDto {
  return {
    id: n.id,
    incidentId: n.incidentId,
    text: n.text,
    kind: n.kind,
    author: n.authorName,
    createdAt: n.createdAt.toISOString(),
  };
}

export async function selectNotes(db: Db, incidentId: number): Promise<NoteDto[]> {
  const rows = await db
    .select()
    .from(incidentNotes)
    .where(eq(incidentNotes.incidentId, incidentId))
    .orderBy(incidentNotes.id);
  return rows.map(noteDto);
}

export interface CallerDto {
  id: number;
  incidentId: number;
  phone: string;
  name: string;
  note: string;
  /** The operator who recorded the call. */
  author: string;
  createdAt: string;
}

export async function selectCallers(db: Db, incidentId: number, id?: number): Promise<CallerDto[]> {
  const rows = await db
    .select({ c: incidentCallers, author: users.displayName })
    .from(incidentCallers)
    .leftJoin(users, eq(users.id, incidentCallers.createdBy))
    .where(id === undefined ? eq(incidentCallers.incidentId, incidentId) : eq(incidentCallers.id, id))
    .orderBy(incidentCallers.id);
  return rows.map(({ c, author }) => ({
    id: c.id,
    incidentId: c.incidentId,
    phone: c.phone,
    name: c.name,
    note: c.note,
    author: author ?? '',
    createdAt: c.createdAt.toISOString(),
  }));
}
