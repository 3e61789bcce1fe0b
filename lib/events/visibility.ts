import { and, asc, eq, gt, inArray, lte, notInArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts, type EventRow, events, handovers } from '../../db/schema';
import type { Principal } from '../auth/principal';

/** Administration of accounts and credentials: supervisors' business only, on the socket and in the log. */
export const SUPERVISOR_ONLY_EVENTS = [
  'user.created',
  'user.updated',
  'user.password_reset',
  'api_token.created',
  'api_token.revoked',
  'webhook.created',
  'webhook.deactivated',
] as const;
const supervisorOnly = new Set<string>(SUPERVISOR_ONLY_EVENTS);

// Who may see which event. The centre (call-takers, dispatchers, supervisors) sees everything but the
// administration of accounts and credentials (supervisors only); a station sees events of its own
// units and alerts, and of the incidents it has been alerted to.
export function isVisible(
  viewer: Principal,
  row: Pick<EventRow, 'stationId' | 'incidentId' | 'type'>,
  concerned: (incidentId: number, stationId: number) => boolean,
): boolean {
  if (supervisorOnly.has(row.type)) return viewer.role === 'supervisor';
  if (viewer.role !== 'station') return true;
  const stationId = viewer.stationId ?? -1;
  if (row.stationId === stationId) return true;
  return row.incidentId !== null && concerned(row.incidentId, stationId);
}

/** Events after a seq that the viewer may see, oldest first (replay and GET /api/events). */
export async function readVisibleEvents(
  db: Db,
  viewer: Principal,
  opts: { after: number; upTo?: number; limit: number },
): Promise<EventRow[]> {
  const stationId = viewer.stationId ?? -1;
  const scope =
    viewer.role === 'station'
      ? or(
          eq(events.stationId, stationId),
          inArray(
            events.incidentId,
            db.select({ id: alerts.incidentId }).from(alerts).where(eq(alerts.stationId, stationId)),
          ),
          inArray(
            events.incidentId,
            db.select({ id: handovers.incidentId }).from(handovers).where(eq(handovers.stationId, stationId)),
          ),
        )
      : undefined;
  return db
    .select()
    .from(events)
    .where(
      and(
        gt(events.seq, opts.after),
        opts.upTo !== undefined ? lte(events.seq, opts.upTo) : undefined,
        viewer.role === 'supervisor' ? undefined : notInArray(events.type, [...SUPERVISOR_ONLY_EVENTS]),
        scope,
      ),
    )
    .orderBy(asc(events.seq))
    .limit(opts.limit);
}
