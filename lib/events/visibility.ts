import { and, asc, eq, gt, inArray, lte, notInArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type EventRow, events } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { stationIncidentIds } from '../stations/station-scope';
import { SUPERVISOR_ONLY_EVENTS } from './catalogue';

const supervisorOnly = new Set<string>(SUPERVISOR_ONLY_EVENTS);

/** An event with the stations its incident concerned when it was appended (the hub's live view). */
export interface ScopedEvent {
  type: string;
  stationId: number | null;
  /** Stations the event's incident concerned at that point of the log; null for no incident. */
  stations: ReadonlySet<number> | null;
}

// Who may see which event. The centre (call-takers, dispatchers, supervisors) sees everything but the
// administration of accounts and credentials (supervisors only, EVENT_CATALOGUE's audience); a station
// sees events filed under its own station, and events of the incidents that concern it.
export function isVisible(viewer: Principal, e: ScopedEvent): boolean {
  if (supervisorOnly.has(e.type)) return viewer.role === 'supervisor';
  if (viewer.role !== 'station') return true;
  const stationId = viewer.stationId ?? -1;
  return e.stationId === stationId || (e.stations?.has(stationId) ?? false);
}

/**
 * Viewers with the same audience see the same events (isVisible depends on nothing else): the hub
 * decides once per audience for the sockets that are live at the head, not once per socket.
 */
export function audienceOf(viewer: Principal): string {
  if (viewer.role === 'supervisor') return 'supervisor';
  if (viewer.role !== 'station') return 'centre';
  return `station:${viewer.stationId ?? -1}`;
}

/** Events after a seq that the viewer may see, oldest first (replay and GET /api/events). */
export async function readVisibleEvents(
  db: Db,
  viewer: Principal,
  opts: { after: number; upTo?: number; limit: number },
): Promise<EventRow[]> {
  const stationId = viewer.stationId ?? -1;
  return db
    .select()
    .from(events)
    .where(
      and(
        gt(events.seq, opts.after),
        opts.upTo !== undefined ? lte(events.seq, opts.upTo) : undefined,
        viewer.role === 'supervisor' ? undefined : notInArray(events.type, SUPERVISOR_ONLY_EVENTS),
        viewer.role === 'station'
          ? or(eq(events.stationId, stationId), inArray(events.incidentId, stationIncidentIds(db, stationId)))
          : undefined,
      ),
    )
    .orderBy(asc(events.seq))
    .limit(opts.limit);
}
