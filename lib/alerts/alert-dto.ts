import { desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts, units } from '../../db/schema';

export async function selectAlerts(db: Db, where: SQL, limit = 100) {
  const rows = await db
    .select({ alert: alerts, callsign: units.callsign, unitType: units.type })
    .from(alerts)
    .innerJoin(units, eq(units.id, alerts.unitId))
    .where(where)
    .orderBy(desc(alerts.id))
    .limit(limit);
  return rows.map(({ alert: a, callsign, unitType }) => ({
    id: a.id,
    alertId: a.id,
    assignmentId: a.assignmentId,
    incidentId: a.incidentId,
    stationId: a.stationId,
    unitId: a.unitId,
    callsign,
    unitType,
    sentAt: a.sentAt.toISOString(),
    deliveredAt: a.deliveredAt ? a.deliveredAt.toISOString() : null,
    acknowledgedAt: a.acknowledgedAt ? a.acknowledgedAt.toISOString() : null,
    acknowledgedBy: a.acknowledgedByName,
    escalatedAt: a.escalatedAt ? a.escalatedAt.toISOString() : null,
    cancelledAt: a.cancelledAt ? a.cancelledAt.toISOString() : null,
    realertCount: a.realertCount,
  }));
}

export type AlertDto = Awaited<ReturnType<typeof selectAlerts>>[number];

/** A just-sent alert as selectAlerts would read it (the assignment's transaction knows every field). */
export function newAlertDto(a: {
  id: number;
  assignmentId: number;
  incidentId: number;
  stationId: number;
  unit: { id: number; callsign: string; type: string };
  sentAt: Date;
}): AlertDto {
  return {
    id: a.id,
    alertId: a.id,
    assignmentId: a.assignmentId,
    incidentId: a.incidentId,
    stationId: a.stationId,
    unitId: a.unit.id,
    callsign: a.unit.callsign,
    unitType: a.unit.type,
    sentAt: a.sentAt.toISOString(),
    deliveredAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    escalatedAt: null,
    cancelledAt: null,
    realertCount: 0,
  };
}

export async function selectAlert(db: Db, id: number): Promise<AlertDto | undefined> {
  const [a] = await selectAlerts(db, eq(alerts.id, id), 1);
  return a;
}
