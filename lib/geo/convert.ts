import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';

export interface Position {
  lat: number;
  lon: number;
  d96: { e: number; n: number };
}

// Both directions through PostGIS ST_Transform (PROJ), the same code that serves every position.
async function transform(db: Db, x: number, y: number, from: number, to: number): Promise<[number, number]> {
  const r = await db.execute(sql`
    select ST_X(p) as x, ST_Y(p) as y
    from (select ST_Transform(ST_SetSRID(ST_MakePoint(${x}, ${y}), ${from}::int), ${to}::int) as p) q`);
  const row = rowsOf<{ x: number; y: number }>(r)[0];
  if (!row) throw new Error('transform returned nothing');
  return [Number(row.x), Number(row.y)];
}

export async function fromD96(db: Db, e: number, n: number): Promise<Position> {
  const [lon, lat] = await transform(db, e, n, 3794, 4326);
  return { lat: round(lat, 7), lon: round(lon, 7), d96: { e: round(e, 2), n: round(n, 2) } };
}

export async function fromWgs84(db: Db, lat: number, lon: number): Promise<Position> {
  const [e, n] = await transform(db, lon, lat, 4326, 3794);
  return { lat, lon, d96: { e: round(e, 2), n: round(n, 2) } };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
