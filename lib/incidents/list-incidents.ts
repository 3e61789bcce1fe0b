import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { stationIncidentIds } from '../stations/station-scope';
import { type IncidentDto, selectAssignments, selectIncidents } from './incident-dto';
import { OPEN_INCIDENT_STATUSES } from './incident-status';

export interface ListIncidentsOptions {
  status: 'open' | 'all' | 'ended' | IncidentDto['status'];
  number?: string;
  mine?: boolean;
  limit: number;
}

// A station sees only the incidents that concern it (station-scope.ts); everyone else sees all.
export async function listIncidents(db: Db, viewer: Principal, opts: ListIncidentsOptions) {
  const where: SQL[] = [];
  if (opts.status === 'open') where.push(inArray(incidents.status, [...OPEN_INCIDENT_STATUSES]));
  else if (opts.status === 'ended') where.push(inArray(incidents.status, ['closed', 'cancelled']));
  else if (opts.status !== 'all') where.push(eq(incidents.status, opts.status));
  if (opts.number) where.push(eq(incidents.number, opts.number));
  if (opts.mine && viewer.userId !== null) where.push(eq(incidents.createdBy, viewer.userId));
  if (viewer.role === 'station')
    where.push(inArray(incidents.id, stationIncidentIds(db, viewer.stationId ?? -1)));
  const list = await selectIncidents(db, where.length ? and(...where) : sql`true`, {
    limit: opts.limit,
    byClosed: opts.status === 'ended',
  });
  const assignments = await selectAssignments(
    db,
    list.map((i) => i.id),
  );
  const byIncident = new Map<number, typeof assignments>();
  for (const a of assignments) {
    const l = byIncident.get(a.incidentId);
    if (l) l.push(a);
    else byIncident.set(a.incidentId, [a]);
  }
  return list.map((i) => ({ ...i, assignments: byIncident.get(i.id) ?? [] }));
}
