import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { notFound } from '../errors';
import { stationConcerned } from '../stations/station-scope';
import { selectAssignments, selectCallers, selectIncident, selectNotes } from './incident-dto';
import { selectRelated } from './merge-incident';

export async function getIncident(db: Db, viewer: Principal, id: number) {
  const incident = await selectIncident(db, id);
  if (!incident) throw notFound('incident');
  await assertStationMaySee(db, viewer, id);
  const [assignments, notes, callers, related] = await Promise.all([
    selectAssignments(db, [id]),
    selectNotes(db, id),
    selectCallers(db, id),
    selectRelated(db, id, incident.mergedInto),
  ]);
  return { ...incident, assignments, notes, callers, related };
}

/**
 * 404 for a missing incident and, the same answer, for a station it does not concern (a station must not
 * learn which ids exist); no detail is loaded.
 */
export async function assertCanSeeIncident(db: Db, viewer: Principal, id: number): Promise<void> {
  const [row] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id));
  if (!row) throw notFound('incident');
  await assertStationMaySee(db, viewer, id);
}

async function assertStationMaySee(db: Db, viewer: Principal, id: number): Promise<void> {
  if (viewer.role === 'station' && !(await stationConcerned(db, viewer.stationId ?? -1, id)))
    throw notFound('incident');
}
