import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts, assignments, incidents, units } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, pgErrorCode } from '../errors';
import { inWriteTx } from '../events/write-tx';
import { applyUnitStatus } from '../units/change-unit-status';
import { selectUnit } from '../units/unit-dto';
import { ASSIGNABLE_UNIT_STATUSES, ENGAGED_UNIT_STATUSES } from '../units/unit-status-machine';
import { selectAssignments, selectIncident } from './incident-dto';
import { OPEN_INCIDENT_STATUSES } from './incident-status';

// Assigning a unit alerts its station: assignment, alert, unit status and incident status change in
// one transaction with their events; the station's screen gets the alert from the event stream.
export async function assignUnit(
  db: Db,
  actor: Principal,
  incidentId: number,
  unitId: number,
  opts: { reassign?: boolean } = {},
) {
  try {
    const { result } = await inWriteTx(db, actor, async (w) => {
      const [incident] = await w.tx
        .select()
        .from(incidents)
        .where(eq(incidents.id, incidentId))
        .for('update');
      if (!incident) throw notFound('incident');
      if (!OPEN_INCIDENT_STATUSES.includes(incident.status))
        throw new AppError('invalid_transition', `incident is ${incident.status}`, [
          { field: 'incidentId', message: `incident is ${incident.status}` },
        ]);
      const [unit] = await w.tx.select().from(units).where(eq(units.id, unitId)).for('update');
      if (!unit)
        throw new AppError('validation_failed', 'unknown unit', [
          { field: 'unitId', message: 'no such unit' },
        ]);
      if (!ASSIGNABLE_UNIT_STATUSES.includes(unit.status)) {
        if (!opts.reassign || !ENGAGED_UNIT_STATUSES.includes(unit.status))
          throw new AppError('invalid_transition', `unit ${unit.callsign} is ${unit.status}`, [
            {
              field: 'unitId',
              message: `unit is ${unit.status}, not available${ENGAGED_UNIT_STATUSES.includes(unit.status) ? ' (send reassign: true to take it off its incident)' : ''}`,
            },
          ]);
        // Reassignment: release it from its current incident first (evented like any release).
        await applyUnitStatus(w, unitId, 'available');
      }

      const [assignment] = await w.tx
        .insert(assignments)
        .values({ incidentId, unitId, status: 'alerted', createdBy: actor.userId })
        .returning();
      if (!assignment) throw new Error('assignment insert returned nothing');
      const [alert] = await w.tx
        .insert(alerts)
        .values({ assignmentId: assignment.id, incidentId, stationId: unit.stationId, unitId })
        .returning();
      if (!alert) throw new Error('alert insert returned nothing');
      await w.tx
        .update(units)
        .set({ status: 'alerted', updatedAt: sql`now()`, version: sql`${units.version} + 1` })
        .where(eq(units.id, unitId));
      if (incident.status === 'new') {
        await w.tx
          .update(incidents)
          .set({ status: 'dispatched', updatedAt: sql`now()`, version: sql`${incidents.version} + 1` })
          .where(eq(incidents.id, incidentId));
      }

      const incidentDto = await selectIncident(w.tx, incidentId);
      const unitDto = await selectUnit(w.tx, unitId);
      const [assignmentDto] = (await selectAssignments(w.tx, [incidentId])).filter(
        (a) => a.id === assignment.id,
      );
      const scope = { incidentId, unitId, stationId: unit.stationId };
      w.emit({ type: 'assignment.created', ...scope, data: { assignment: assignmentDto } });
      w.emit({
        type: 'alert.created',
        ...scope,
        data: {
          alertId: alert.id,
          incidentId,
          unitId,
          stationId: unit.stationId,
          assignmentId: assignment.id,
          sentAt: alert.sentAt.toISOString(),
          incident: incidentDto,
          unit: unitDto,
        },
      });
      w.emit({ type: 'unit.status_changed', ...scope, data: { unit: unitDto, from: unit.status } });
      if (incident.status === 'new')
        w.emit({
          type: 'incident.updated',
          incidentId,
          data: { incident: incidentDto, changes: ['status'] },
        });
      return { ...assignmentDto, alertId: alert.id };
    });
    return result;
  } catch (err) {
    // Two dispatchers assigning the same unit at once: the partial unique index decides.
    if (pgErrorCode(err) === '23505')
      throw new AppError('conflict', 'unit is already assigned', [
        { field: 'unitId', message: 'already assigned' },
      ]);
    throw err;
  }
}
