import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { stations } from '../../db/schema';
import { AppError } from '../errors';

/** A station id given in a body must exist: 400 naming the field otherwise. */
export async function assertStationExists(db: Db, id: number, field = 'body.stationId'): Promise<void> {
  const [s] = await db.select({ id: stations.id }).from(stations).where(eq(stations.id, id));
  if (!s) throw new AppError('validation_failed', 'no such station', [{ field, message: 'no such station' }]);
}
