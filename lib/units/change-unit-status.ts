import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts, assignments, incidents, units } from '../../db/schema';
import type { AssignmentStatus } from '../../db/schema/enums';
import { selectAlert } from '../alerts/alert-dto';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { alertCancelled, assignmentUpdated, incidentUpdated, unitStatusChanged } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { authorOf, writeNote } from '../incidents/add-incident-note';
import { selectAssignments, selectIncident } from '../incidents/incident-dto';
import { statusOnScene } from '../incidents/incident-status';
import { selectUnit, type UnitDto } from './unit-dto';
import { assignmentStatusFor, type UnitStatus, unitTransitionError } from './unit-status-machine';

// The column that records when an assignment reached a status (the first time it did).
const ASSIGNMENT_TIME_COLUMN: Partial<Record<AssignmentStatus, keyof typeof assignments.$inferInsert>> = {
  acknowledged: 'acknowledgedAt',
  en_route: 'enRouteAt',
  on_scene: 'onSceneAt',
  transporting: 'transportingAt',
  at_hospital: 'atHospitalAt',
  returning: 'returningAt',
  released: 'releasedAt',
};

export async function changeUnitStatus(
  db: Db,
  actor: Principal,
  unitId: number,
  status: UnitStatus,
  reason?: string,
) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    // The incident the unit works on before the change (a release ends the assignment).
    const [before] = await w.tx
      .select({ incidentId: assignments.incidentId })
      .from(assignments)
      .where(and(eq(assignments.unitId, unitId), isNull(assignments.releasedAt)));
    const unit = await applyUnitStatus(w, unitId, status);
    // A status given by the centre on the crew's behalf (radio) is on the incident's timeline.
    if (before && actor.role !== 'station')
      await writeNote(
        w,
        before.incidentId,
        `${unit.callsign} → ${status}${reason ? `: ${reason}` : ''}`,
        authorOf(actor),
        'status_report',
      );
    return unit;
  });
  return result;
}

/** Moves a unit (and its active assignment and incident) to a new status inside an open write. */
export async function applyUnitStatus(w: WriteTx, unitId: number, status: UnitStatus): Promise<UnitDto> {
  const [unit] = await w.tx.select().from(units).where(eq(units.id, unitId)).for('update');
  if (!unit) throw notFound('unit');
  if (w.actor?.role === 'station' && w.actor.stationId !== unit.stationId) throw notFound('unit');
  if (unit.status === status) return present(await selectUnit(w.tx, unitId), 'unit');
  const error = unitTransitionError(unit.status, status);
  if (error) throw new AppError('invalid_transition', error, [{ field: 'status', message: error }]);

  await w.tx
    .update(units)
    .set({ status, statusSince: sql`now()`, updatedAt: sql`now()`, version: sql`${units.version} + 1` })
    .where(eq(units.id, unitId));

  const [active] = await w.tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.unitId, unitId), isNull(assignments.releasedAt)))
    .for('update');
  if (active) {
    const next = assignmentStatusFor(status);
    const column = ASSIGNMENT_TIME_COLUMN[next];
    await w.tx
      .update(assignments)
      .set({
        status: next,
        ...(column ? { [column]: sql`coalesce(${sql.identifier(snake(column))}, now())` } : {}),
      })
      .where(eq(assignments.id, active.id));
    const [assignment] = await selectAssignments(w.tx, [active.incidentId], active.id);
    w.emit(assignmentUpdated(present(assignment, 'assignment'), active.status));
    // Released before anyone acknowledged: the alert is cancelled, so the station's alarm stops.
    if (next === 'released') {
      const cancelled = await w.tx
        .update(alerts)
        .set({ cancelledAt: sql`now()` })
        .where(
          and(eq(alerts.assignmentId, active.id), isNull(alerts.acknowledgedAt), isNull(alerts.cancelledAt)),
        )
        .returning({ id: alerts.id });
      for (const c of cancelled) w.emit(alertCancelled(present(await selectAlert(w.tx, c.id), 'alert')));
    }
    if (status === 'on_scene') await markIncidentOnScene(w, active.incidentId);
  }
  const dto = present(await selectUnit(w.tx, unitId), 'unit');
  w.emit(unitStatusChanged(dto, unit.status, active?.incidentId ?? null));
  return dto;
}

/** The first unit on scene puts a dispatched incident in progress. */
async function markIncidentOnScene(w: WriteTx, incidentId: number): Promise<void> {
  const [inc] = await w.tx
    .select({ status: incidents.status })
    .from(incidents)
    .where(eq(incidents.id, incidentId))
    .for('update');
  const next = inc ? statusOnScene(inc.status) : null;
  if (!inc || !next) return;
  await w.tx
    .update(incidents)
    .set({ status: next, updatedAt: sql`now()`, version: sql`${incidents.version} + 1` })
    .where(eq(incidents.id, incidentId));
  w.emit(
    incidentUpdated(present(await selectIncident(w.tx, incidentId), 'incident'), ['status'], {
      status: inc.status,
    }),
  );
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
