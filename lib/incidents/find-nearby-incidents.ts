import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents } from '../../db/schema';
import { distanceSql, pointSql } from '../geo/sql';
import { selectIncidents } from './incident-dto';
import { OPEN_INCIDENT_STATUSES } from './incident-status';

// Possible duplicates: open incidents within a radius and a time window of a location, nearest first
// (ST_DWithin on geography uses the GiST index).
export async function findNearbyIncidents(
  db: Db,
  opts: { lat: number; lon: number; radiusM: number; minutes: number },
) {
  const near = await db
    .select({ id: incidents.id, distanceM: distanceSql(incidents.position, opts.lat, opts.lon) })
    .from(incidents)
    .where(
      and(
        inArray(incidents.status, [...OPEN_INCIDENT_STATUSES]),
        gt(incidents.createdAt, sql`now() - make_interval(mins => ${opts.minutes})`),
        sql`ST_DWithin(${incidents.position}, ${pointSql(opts.lat, opts.lon)}, ${opts.radiusM})`,
      ),
    )
    .orderBy(asc(sql`${incidents.position} <-> ${pointSql(opts.lat, opts.lon)}`))
    .limit(20);
  if (near.length === 0) return [];
  const list = await selectIncidents(
    db,
    inArray(
      incidents.id,
      near.map((n) => n.id),
    ),
  );
  const distance = new Map(near.map((n) => [n.id, Math.round(Number(n.distanceM))]));
  return list
    .map((i) => ({ ...i, distanceM: distance.get(i.id) ?? null }))
    .sort((a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0));
}
