import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { Principal } from '../auth/principal';
import { AppError, notFound, pgErrorCode } from '../errors';
import { inWriteTx } from '../events/write-tx';
import { applyUnitStatus } from '../units/change-unit-status';
import { selectUnit } from '../units/unit-dto';
import {
  ASSIGNABLE_UNIT_STATUSES,
  ENGAGED_UNIT_STATUSES,
  type UnitStatus,
} from '../units/unit-status-machine';
import { type IncidentDto, selectAssignments, selectIncident } from './incident-dto';
import { OPEN_INCIDENT_STATUSES } from './incident-status';

interface LockedIncident {
  id: number;
  status: IncidentDto['status'];
}
interface LockedUnit {
  id: number;
  status: UnitStatus;
  station_id: number;
  callsign: string;
}

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
      // Both rows locked in one round trip (incident first, then unit: the order every writer uses).
      const [locked] = rowsOf<{ incident: LockedIncident | null; unit: LockedUnit | null }>(
        await w.tx.execute(sql`
          with i as (select id, status from incidents where id = ${incidentId} for update),
               u as (select id, status, station_id, callsign from units where id = ${unitId} for update)
          select (select row_to_json(i) from i) as incident, (select row_to_json(u) from u) as unit`),
      );
      const incident = locked?.incident;
      if (!incident) throw notFound('incident');
      if (!OPEN_INCIDENT_STATUSES.includes(incident.status))
        throw new AppError('invalid_transition', `incident is ${incident.status}`, [
          { field: 'incidentId', message: `incident is ${incident.status}` },
        ]);
      const unit = locked?.unit;
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

      // Assignment, alert, unit status and incident status in one statement.
      const [written] = rowsOf<{ assignment_id: number; alert_id: number; sent_at: Date | string }>(
        await w.tx.execute(sql`
          with a as (
                 insert into assignments (incident_id, unit_id, status, created_by)
                 values (${incidentId}, ${unitId}, 'alerted', ${actor.userId})
                 returning id),
               al as (
                 insert into alerts (assignment_id, incident_id, station_id, unit_id)
                 select a.id, ${incidentId}, ${unit.station_id}, ${unitId} from a
                 returning id, sent_at),
               uu as (
                 update units set status = 'alerted', updated_at = now(), version = version + 1
                  where id = ${unitId} returning id),
               ui as (
                 update incidents set status = 'dispatched', updated_at = now(), version = version + 1
                  where id = ${incidentId} and status = 'new' returning id)
          select a.id as assignment_id, al.id as alert_id, al.sent_at from a, al`),
      );
      if (!written) throw new Error('assignment insert returned nothing');
      const assignment = { id: written.assignment_id };
      const alert = {
        id: written.alert_id,
        sentAt: written.sent_at instanceof Date ? written.sent_at : new Date(written.sent_at),
      };
      const stationId = unit.station_id;

      const incidentDto = await selectIncident(w.tx, incidentId);
      const unitDto = await selectUnit(w.tx, unitId);
      const [assignmentDto] = (await selectAssignments(w.tx, [incidentId])).filter(
        (a) => a.id === assignment.id,
      );
      const scope = { incidentId, unitId, stationId };
      w.emit({ type: 'assignment.created', ...scope, data: { assignment: assignmentDto } });
      w.emit({
        type: 'alert.created',
        ...scope,
        data: {
          alertId: alert.id,
          incidentId,
          unitId,
          stationId,
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
