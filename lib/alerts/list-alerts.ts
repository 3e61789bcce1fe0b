import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { alerts } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { selectIncidentsByIds } from '../incidents/incident-dto';
import { selectAlerts } from './alert-dto';

export const ZAlertsQuery = z.object({ pending: z.enum(['true', 'false']).optional() });

// Alerts for the station screen: every unacknowledged one (so a reload never loses an alarm) plus the
// last day's acknowledged ones. The centre sees all stations' alerts.
export async function listAlerts(db: Db, viewer: Principal, opts: { pending?: boolean }) {
  // Pending: neither acknowledged nor cancelled (a cancelled alert stays in the day's list, marked).
  const pending = and(isNull(alerts.acknowledgedAt), isNull(alerts.cancelledAt));
  const recent = or(pending, gt(alerts.sentAt, sql`now() - interval '24 hours'`));
  const scope = viewer.role === 'station' ? eq(alerts.stationId, viewer.stationId ?? -1) : undefined;
  const where = and(scope, opts.pending ? pending : recent) ?? sql`true`;
  const list = await selectAlerts(db, where, 200);
  const byId = await selectIncidentsByIds(
    db,
    list.map((a) => a.incidentId),
  );
  return list.map((a) => ({ ...a, incident: byId.get(a.incidentId) }));
}
