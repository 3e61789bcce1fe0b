import type { Db } from '../../db/client';
import { notFound } from '../errors';
import { selectIncident } from '../incidents/incident-dto';
import { listNotifications } from './notify-service';
import { resolveOnDuty } from './resolve-on-duty';

/** The services for an incident's place and type (suggested first), and what was sent to them. */
export async function incidentOncall(db: Db, id: number) {
  const incident = await selectIncident(db, id);
  if (!incident) throw notFound('incident');
  const [directory, notifications] = await Promise.all([
    resolveOnDuty(db, { lat: incident.location.lat, lon: incident.location.lon, type: incident.type }),
    listNotifications(db, id),
  ]);
  return { ...directory, notifications };
}
