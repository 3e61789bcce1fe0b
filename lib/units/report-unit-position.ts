import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { units } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { unitPositionChanged } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { pointSql } from '../geo/sql';
import { selectUnit } from './unit-dto';

// AVL: a vehicle terminal (station token) or the station screen reports where a unit is. A report
// older than the one stored is ignored (reports can arrive out of order over mobile networks).
export async function reportUnitPosition(
  db: Db,
  actor: Principal,
  unitId: number,
  input: { lat: number; lon: number; at?: string },
) {
  const at = input.at ? new Date(input.at) : new Date();
  if (at.getTime() > Date.now() + 60_000)
    throw new AppError('validation_failed', 'position time in the future', [
      { field: 'body.at', message: 'in the future' },
    ]);
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [unit] = await w.tx.select().from(units).where(eq(units.id, unitId)).for('update');
    if (!unit) throw notFound('unit');
    if (actor.role === 'station' && actor.stationId !== unit.stationId) throw notFound('unit');
    if (unit.positionAt && unit.positionAt.getTime() > at.getTime())
      return { unit: await selectUnit(w.tx, unitId), applied: false };
    await w.tx
      .update(units)
      .set({
        position: pointSql(input.lat, input.lon),
        positionAt: at,
        updatedAt: sql`now()`,
        version: sql`${units.version} + 1`,
      })
      .where(eq(units.id, unitId));
    const dto = present(await selectUnit(w.tx, unitId), 'unit');
    w.emit(unitPositionChanged(dto));
    return { unit: dto, applied: true };
  });
  return result;
}
