import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, assignments, stations, units } from '../../db/schema';
import type { UnitStatus } from '../../db/schema/enums';
import { d96EastSql, d96NorthSql, distanceSql, knnSql, latSql, lonSql } from '../geo/sql';

export interface UnitDto {
  id: number;
  callsign: string;
  type: string;
  capabilities: string[];
  stationId: number;
  stationName: string;
  agency: string;
  status: UnitStatus;
  /** When the unit entered its status. */
  statusSince: string;
  position: { lat: number; lon: number; d96: { e: number; n: number } } | null;
  positionAt: string | null;
  incidentId: number | null;
  version: number;
  distanceM?: number | null;
}

function unitFields(near?: { lat: number; lon: number }) {
  return {
    id: units.id,
    callsign: units.callsign,
    type: units.type,
    capabilities: units.capabilities,
    stationId: units.stationId,
    stationName: stations.name,
    agency: agencies.code,
    status: units.status,
    statusSince: units.statusSince,
    lat: latSql(units.position),
    lon: lonSql(units.position),
    e: d96EastSql(units.position),
    n: d96NorthSql(units.position),
    positionAt: units.positionAt,
    incidentId: assignments.incidentId,
    version: units.version,
    distanceM: near ? distanceSql(units.position, near.lat, near.lon) : sql<null>`null`,
  };
}

function unitQuery<F extends Record<string, SQL | SQL.Aliased>>(
  db: Db,
  opts: { where?: SQL; near?: { lat: number; lon: number }; limit?: number },
  more: F,
) {
  const near = opts.near;
  return (
    db
      .select({ ...unitFields(near), ...more })
      .from(units)
      .innerJoin(stations, eq(stations.id, units.stationId))
      .innerJoin(agencies, eq(agencies.id, stations.agencyId))
      .leftJoin(assignments, and(eq(assignments.unitId, units.id), isNull(assignments.releasedAt)))
      .where(opts.where)
      // KNN on the GiST index when sorting by distance; units without a position go last.
      .orderBy(
        ...(near ? [sql`${knnSql(units.position, near.lat, near.lon)} nulls last`] : []),
        asc(units.callsign),
      )
      .limit(opts.limit ?? 5000)
  );
}

type UnitRow = Awaited<ReturnType<typeof unitQuery>>[number];

function unitFromRow(r: UnitRow, near: boolean): UnitDto {
  return {
    id: r.id,
    callsign: r.callsign,
    type: r.type,
    capabilities: r.capabilities,
    stationId: r.stationId,
    stationName: r.stationName,
    agency: r.agency,
    status: r.status,
    statusSince: r.statusSince.toISOString(),
    position:
      r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon, d96: { e: r.e ?? 0, n: r.n ?? 0 } } : null,
    positionAt: r.positionAt ? r.positionAt.toISOString() : null,
    incidentId: r.incidentId ?? null,
    version: r.version,
    ...(near ? { distanceM: r.distanceM === null ? null : Math.round(Number(r.distanceM)) } : {}),
  };
}

export async function selectUnits(
  db: Db,
  opts: { where?: SQL; near?: { lat: number; lon: number }; limit?: number } = {},
): Promise<UnitDto[]> {
  const rows = await unitQuery(db, opts, {});
  return rows.map((r) => unitFromRow(r, opts.near !== undefined));
}

/**
 * One unit and one more value of the same statement (e.g. its incident as JSON): a write that answers
 * with both reads them in one round trip.
 */
export async function selectUnitWith<T>(
  db: Db,
  id: number,
  more: SQL<T>,
): Promise<{ unit: UnitDto; more: T } | undefined> {
  const [r] = await unitQuery(db, { where: eq(units.id, id), limit: 1 }, { more });
  return r ? { unit: unitFromRow(r, false), more: r.more as T } : undefined;
}

export async function selectUnit(db: Db, id: number): Promise<UnitDto | undefined> {
  const [u] = await selectUnits(db, { where: eq(units.id, id), limit: 1 });
  return u;
}
