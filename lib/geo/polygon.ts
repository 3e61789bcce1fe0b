import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, rowsOf } from '../../db/client';
import { AppError } from '../errors';

/** A ring of [lat, lon] vertices drawn on the map; closed here if the last is not the first. */
export const ZPolygon = z
  .array(z.tuple([z.number().finite().min(-90).max(90), z.number().finite().min(-180).max(180)]))
  .min(3)
  .max(500)
  .transform((ring) => {
    const [first] = ring;
    const last = ring[ring.length - 1];
    return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring;
  });

/** WKT of a closed [lat, lon] ring (WKT is lon lat). */
export function polygonWkt(ring: [number, number][]): string {
  return `POLYGON((${ring.map(([lat, lon]) => `${lon} ${lat}`).join(', ')}))`;
}

/** A closed [lat, lon] ring as a geography value for an INSERT or UPDATE. */
export function polygonGeographySql(ring: [number, number][]): SQL {
  return sql`ST_GeogFromText(${`SRID=4326;${polygonWkt(ring)}`})`;
}

/** PostGIS decides whether the drawn area is a polygon (a self-crossing ring is not): 400 naming the field. */
export async function assertValidPolygon(db: Db, ring: [number, number][], field: string): Promise<void> {
  const wkt = polygonWkt(ring);
  const [check] = rowsOf<{ valid: boolean; reason: string }>(
    await db.execute(
      sql`select ST_IsValid(ST_GeomFromText(${wkt}, 4326)) as valid, ST_IsValidReason(ST_GeomFromText(${wkt}, 4326)) as reason`,
    ),
  );
  if (!check?.valid)
    throw new AppError('validation_failed', 'the area is not a valid polygon', [
      { field, message: check?.reason ?? 'invalid' },
    ]);
}
