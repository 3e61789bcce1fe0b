import type { Db } from '../../db/client';
import type { Principal } from '../auth/principal';
import { forbidden, notFound } from '../errors';
import {
  selectAssignments,
  selectCallers,
  selectIncident,
  selectNotes,
  stationConcerned,
} from './incident-dto';

export async function getIncident(db: Db, viewer: Principal, id: number) {
  const incident = await selectIncident(db, id);
  if (!incident) throw notFound('incident');
  if (viewer.role === 'station' && !(await stationConcerned(db, viewer.stationId ?? -1, id)))
    throw forbidden('this incident does not concern your station');
  const [assignments, notes, callers] = await Promise.all([
    selectAssignments(db, [id]),
    selectNotes(db, id),
    selectCallers(db, id),
  ]);
  return { ...incident, assignments, notes, callers };
}

export async function assertCanSeeIncident(db: Db, viewer: Principal, id: number): Promise<void> {
  await getIncident(db, viewer, id);
}
