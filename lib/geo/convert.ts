import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';

export interface Position {
  lat: number;
  lon: number;
  d96: { e: number; n: number };
}

// Both directions through PostGIS ST_Transform (PROJ), the same code that serves every position.
export async function fromD96(db: Db, e: number, n: number): Promise<Position> {
  const r = await db.execute(sql`
    select ST_Y(p) as lat, ST_X(p) as lon
    from (select ST_Transform(ST_SetSRID(ST_MakePoint(${e}, ${n}), 3794), 4326) as p) q`);
  const row = rowsOf<{ lat: number; lon: number }>(r)[0];
  if (!row) throw new Error('transform returned nothing');
  return {
    lat: round(Number(row.lat), 7),
    lon: round(Number(row.lon), 7),
    d96: { e: round(e, 2), n: round(n, 2) },
  };
}

export async function fromWgs84(db: Db, lat: number, lon: number): Promise<Position> {
  const r = await db.execute(sql`
    select ST_X(p) as e, ST_Y(p) as n
    from (select ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3794) as p) q`);
  const row = rowsOf<{ e: number; n: number }>(r)[0];
  if (!row) throw new Error('transform returned nothing');
  return { lat, lon, d96: { e: round(Number(row.e), 2), n: round(Number(row.n), 2) } };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
