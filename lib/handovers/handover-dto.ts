import { desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, handovers, stations } from '../../db/schema';

export async function selectHandovers(db: Db, where: SQL | undefined, limit = 100) {
  const rows = await db
    .select({ h: handovers, service: stations.name, serviceCode: stations.code, agency: agencies.code })
    .from(handovers)
    .innerJoin(stations, eq(stations.id, handovers.stationId))
    .innerJoin(agencies, eq(agencies.id, stations.agencyId))
    .where(where)
    .orderBy(desc(handovers.id))
    .limit(limit);
  return rows.map(({ h, service, serviceCode, agency }) => ({
    id: h.id,
    incidentId: h.incidentId,
    stationId: h.stationId,
    service,
    serviceCode,
    agency,
    reason: h.reason,
    createdBy: h.createdByName,
    createdAt: h.createdAt.toISOString(),
    acknowledgedAt: h.acknowledgedAt ? h.acknowledgedAt.toISOString() : null,
    acknowledgedBy: h.acknowledgedByName,
  }));
}

export type HandoverDto = Awaited<ReturnType<typeof selectHandovers>>[number];
