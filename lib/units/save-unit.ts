import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { assignments, units } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { unitUpdated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { assertStationExists } from '../stations/assert-station';
import { ZId } from '../validation';
import { selectUnit } from './unit-dto';

const ZUnitFields = {
  callsign: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9 /-]{1,29}$/, '2–30 capitals, digits, space, / and -'),
  /** Vehicle type as the services name it: GVC 16/25, NRV, AL … */
  type: z.string().trim().min(1).max(40),
  /** What the unit can do; incident types' needs ask for these (fire, water, ladder, ems, als …). */
  capabilities: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9_]{1,29}$/, 'lower-case word, e.g. fire'),
    )
    .max(20)
    .transform((c) => [...new Set(c)]),
  stationId: ZId,
};
export const ZCreateUnit = z.object(ZUnitFields);
export const ZUpdateUnit = z
  .object(ZUnitFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type TUpdateUnit = z.infer<typeof ZUpdateUnit>;

/** Creates (id null; placed at its station, available) or changes a unit. */
export async function saveUnit(db: Db, actor: Principal, id: number | null, input: TUpdateUnit) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    if (input.stationId !== undefined) await assertStationExists(w.tx, input.stationId);
    if (input.callsign !== undefined) {
      const [taken] = await w.tx
        .select({ id: units.id })
        .from(units)
        .where(eq(units.callsign, input.callsign));
      if (taken && taken.id !== id)
        throw new AppError('conflict', 'callsign taken', [
          { field: 'body.callsign', message: 'another unit has this callsign' },
        ]);
    }
    const before = id === null ? undefined : await selectUnit(w.tx, id);
    if (id !== null && !before) throw notFound('unit');
    let unitId = id;
    if (id === null) {
      const { callsign, type, capabilities, stationId } = input;
      if (!callsign || !type || !capabilities || !stationId) throw new Error('create needs all fields');
      const [row] = await w.tx
        .insert(units)
        .values({
          callsign,
          type,
          capabilities,
          stationId,
          position: sql`(select position from stations where id = ${stationId})`,
          positionAt: sql`now()`,
        })
        .returning({ id: units.id });
      unitId = row?.id ?? null;
    } else {
      if (input.stationId !== undefined && input.stationId !== before?.stationId) {
        const [active] = await w.tx
          .select({ id: assignments.id })
          .from(assignments)
          .where(and(eq(assignments.unitId, id), isNull(assignments.releasedAt)));
        if (active)
          throw new AppError('conflict', 'the unit is on an incident', [
            { field: 'body.stationId', message: 'move the unit to another station after it is released' },
          ]);
      }
      await w.tx
        .update(units)
        .set({ ...input, updatedAt: sql`now()`, version: sql`${units.version} + 1` })
        .where(eq(units.id, id));
    }
    if (unitId === null) throw new Error('unit insert returned nothing');
    const unit = present(await selectUnit(w.tx, unitId), 'unit');
    w.emit(
      unitUpdated(unit, {
        created: id === null,
        changes: Object.keys(input),
        before: before
          ? {
              callsign: before.callsign,
              type: before.type,
              capabilities: before.capabilities,
              stationId: before.stationId,
            }
          : null,
      }),
    );
    return unit;
  });
  return result;
}
