import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, stations } from '../../db/schema';
import { d96EastSql, d96NorthSql, geoJsonSql, latSql, lonSql } from '../geo/sql';

export type StationDto = Awaited<ReturnType<typeof listStations>>[number];

export async function listStations(db: Db, opts: { id?: number } = {}) {
  const rows = await db
    .select({
      id: stations.id,
      code: stations.code,
      name: stations.name,
      agency: agencies.code,
      address: stations.address,
      lat: latSql(stations.position),
      lon: lonSql(stations.position),
      e: d96EastSql(stations.position),
      n: d96NorthSql(stations.position),
      serviceArea: geoJsonSql(stations.serviceArea),
      transferUri: stations.transferUri,
      centreId: stations.centreId,
    })
    .from(stations)
    .innerJoin(agencies, eq(agencies.id, stations.agencyId))
    .where(opts.id !== undefined ? eq(stations.id, opts.id) : undefined)
    .orderBy(asc(stations.name));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    agency: r.agency,
    address: r.address,
    position: { lat: r.lat ?? 0, lon: r.lon ?? 0, d96: { e: r.e ?? 0, n: r.n ?? 0 } },
    serviceArea: r.serviceArea ? (JSON.parse(r.serviceArea) as unknown) : null,
    transferUri: r.transferUri,
    centreId: r.centreId,
  }));
}
