import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { units } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { selectUnits } from './unit-dto';

// A station account sees its own units; the centre sees all of them.
export function listUnits(db: Db, viewer: Principal, opts: { near?: { lat: number; lon: number } }) {
  return selectUnits(db, {
    where: viewer.role === 'station' ? eq(units.stationId, viewer.stationId ?? -1) : undefined,
    near: opts.near,
  });
}
