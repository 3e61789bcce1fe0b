import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type ASSIGNMENT_STATUSES, assignments, incidents, units } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, forbidden, notFound } from '../errors';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { selectIncident } from '../incidents/incident-dto';
import { selectUnit } from './unit-dto';
import { type UnitStatus, unitTransitionError } from './unit-status-machine';

type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

const ASSIGNMENT_TIME_COLUMN: Partial<Record<AssignmentStatus, keyof typeof assignments.$inferInsert>> = {
  acknowledged: 'acknowledgedAt',
  en_route: 'enRouteAt',
  on_scene: 'onSceneAt',
  transporting: 'transportingAt',
  at_hospital: 'atHospitalAt',
  returning: 'returningAt',
  released: 'releasedAt',
};

export async function changeUnitStatus(db: Db, actor: Principal, unitId: number, status: UnitStatus) {
  const { result } = await inWriteTx(db, actor, (w) => applyUnitStatus(w, unitId, status));
  return result;
}

/** Moves a unit (and its active assignment and incident) to a new status inside an open write. */
export async function applyUnitStatus(w: WriteTx, unitId: number, status: UnitStatus) {
  const [unit] = await w.tx.select().from(units).where(eq(units.id, unitId)).for('update');
  if (!unit) throw notFound('unit');
  if (w.actor?.role === 'station' && w.actor.stationId !== unit.stationId)
    throw forbidden('this unit belongs to another station');
  if (unit.status === status) return selectUnit(w.tx, unitId);
  const error = unitTransitionError(unit.status, status);
  if (error) throw new AppError('invalid_transition', error, [{ field: 'status', message: error }]);

  await w.tx
    .update(units)
    .set({ status, updatedAt: sql`now()`, version: sql`${units.version} + 1` })
    .where(eq(units.id, unitId));

  const [active] = await w.tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.unitId, unitId), isNull(assignments.releasedAt)))
    .for('update');
  if (active) {
    const next: AssignmentStatus =
      status === 'available' || status === 'out_of_service'
        ? 'released'
        : status === 'alerted'
          ? 'alerted'
          : status;
    const column = ASSIGNMENT_TIME_COLUMN[next];
    await w.tx
      .update(assignments)
      .set({
        status: next,
        ...(column ? { [column]: sql`coalesce(${sql.identifier(snake(column))}, now())` } : {}),
      })
      .where(eq(assignments.id, active.id));
    w.emit({
      type: 'assignment.updated',
      incidentId: active.incidentId,
      unitId,
      stationId: unit.stationId,
      data: { assignmentId: active.id, incidentId: active.incidentId, unitId, status: next },
    });
    if (status === 'on_scene') {
      const [inc] = await w.tx
        .update(incidents)
        .set({ status: 'in_progress', updatedAt: sql`now()`, version: sql`${incidents.version} + 1` })
        .where(and(eq(incidents.id, active.incidentId), eq(incidents.status, 'dispatched')))
        .returning({ id: incidents.id });
      if (inc) {
        const dto = await selectIncident(w.tx, inc.id);
        w.emit({
          type: 'incident.updated',
          incidentId: inc.id,
          data: { incident: dto, changes: ['status'] },
        });
      }
    }
  }
  const dto = await selectUnit(w.tx, unitId);
  w.emit({
    type: 'unit.status_changed',
    unitId,
    stationId: unit.stationId,
    incidentId: active?.incidentId ?? null,
    data: { unit: dto, from: unit.status },
  });
  return dto;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
