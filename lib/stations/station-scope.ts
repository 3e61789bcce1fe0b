import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents, stationIncidents } from '../../db/schema';
import type { EventFrame } from '../events/catalogue';
import { OPEN_INCIDENT_STATUSES } from '../incidents/incident-status';

// Which incidents concern a station: the ones it was alerted to and the ones handed over to it. In SQL
// that is the view station_incidents (migration 0019), read by the incident list, the single-incident
// check and the event replay; in the realtime hub it is the same two facts taken from the events that
// create them (concernOf), so the live stream and the replay from the table agree.

/** The station an event brings into an incident's scope: an alert to it, or a hand-over to it. */
export function concernOf(f: EventFrame): { incidentId: number; stationId: number } | null {
  switch (f.type) {
    case 'alert.created':
      return { incidentId: f.data.alert.incidentId, stationId: f.data.alert.stationId };
    case 'handover.created':
      return { incidentId: f.data.handover.incidentId, stationId: f.data.handover.stationId };
    default:
      return null;
  }
}

/** The ids of the incidents that concern a station, as a subquery for `inArray`. */
export function stationIncidentIds(db: Db, stationId: number) {
  return db
    .select({ id: stationIncidents.incidentId })
    .from(stationIncidents)
    .where(eq(stationIncidents.stationId, stationId));
}

export async function stationConcerned(db: Db, stationId: number, incidentId: number): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(stationIncidents)
    .where(and(eq(stationIncidents.stationId, stationId), eq(stationIncidents.incidentId, incidentId)))
    .limit(1);
  return rows.length > 0;
}

/** Every open incident with the stations it concerns (an empty set for none yet). */
export async function openIncidentScopes(db: Db): Promise<Map<number, Set<number>>> {
  const rows = await db
    .select({ incidentId: incidents.id, stationId: stationIncidents.stationId })
    .from(incidents)
    .leftJoin(stationIncidents, eq(stationIncidents.incidentId, incidents.id))
    .where(inArray(incidents.status, [...OPEN_INCIDENT_STATUSES]));
  const map = new Map<number, Set<number>>();
  for (const r of rows) {
    const set = map.get(r.incidentId) ?? new Set<number>();
    if (r.stationId !== null) set.add(r.stationId);
    map.set(r.incidentId, set);
  }
  return map;
}

/** The stations each of these incidents concerns (for incidents not held open in memory). */
export async function incidentScopes(db: Db, incidentIds: number[]): Promise<Map<number, Set<number>>> {
  const map = new Map<number, Set<number>>(incidentIds.map((id) => [id, new Set<number>()]));
  if (incidentIds.length === 0) return map;
  const rows = await db
    .selectDistinct({ incidentId: stationIncidents.incidentId, stationId: stationIncidents.stationId })
    .from(stationIncidents)
    .where(inArray(stationIncidents.incidentId, incidentIds));
  for (const r of rows) map.get(r.incidentId)?.add(r.stationId);
  return map;
}
