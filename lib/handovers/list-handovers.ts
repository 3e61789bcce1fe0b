import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { handovers } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { selectIncidentsByIds } from '../incidents/incident-dto';
import { selectHandovers } from './handover-dto';

// A service sees its own hand-overs (with their incidents); the centre sees all, or one incident's.
export async function listHandovers(
  db: Db,
  viewer: Principal,
  opts: { incidentId?: number; pending?: boolean },
) {
  const where = and(
    viewer.role === 'station' ? eq(handovers.stationId, viewer.stationId ?? -1) : undefined,
    opts.incidentId ? eq(handovers.incidentId, opts.incidentId) : undefined,
    opts.pending ? isNull(handovers.acknowledgedAt) : undefined,
  );
  const list = await selectHandovers(db, where, 100);
  const byId = await selectIncidentsByIds(
    db,
    list.map((h) => h.incidentId),
  );
  return list.map((h) => ({ ...h, incident: byId.get(h.incidentId) }));
}
