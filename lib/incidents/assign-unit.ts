import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { newAlertDto } from '../alerts/alert-dto';
import type { Principal } from '../auth/principal';
import { AppError, notFound, pgErrorCode, present } from '../errors';
import { alertCreated, assignmentCreated, incidentUpdated, unitStatusChanged } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { applyUnitStatus } from '../units/change-unit-status';
import { selectUnitWith } from '../units/unit-dto';
import { alertTransitionError, ENGAGED_UNIT_STATUSES, type UnitStatus } from '../units/unit-status-machine';
import { type AssignmentDto, incidentFromRow, incidentJsonSql, isoSql } from './incident-dto';
import { type IncidentStatus, isOpenIncident, statusOnDispatch } from './incident-status';

interface LockedIncident {
  id: number;
  status: IncidentStatus;
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
    const { result } = await inWriteTx(db, actor, (w) => assignInTx(w, incidentId, unitId, opts));
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

/** The assignment inside an open write (a swap releases one unit and assigns another in one write). */
export async function assignInTx(
  w: WriteTx,
  incidentId: number,
  unitId: number,
  opts: { reassign?: boolean } = {},
) {
  // Both rows locked in one round trip (incident first, then unit: the order every writer uses).
  const [locked] = rowsOf<{ incident: LockedIncident | null; unit: LockedUnit | null }>(
    await w.tx.execute(sql`
          with i as (select id, status from incidents where id = ${incidentId} for update),
               u as (select id, status, station_id, callsign from units where id = ${unitId} for update)
          select (select row_to_json(i) from i) as incident, (select row_to_json(u) from u) as unit`),
  );
  const incident = locked?.incident;
  if (!incident) throw notFound('incident');
  if (!isOpenIncident(incident.status))
    throw new AppError('invalid_transition', `incident is ${incident.status}`, [
      { field: 'incidentId', message: `incident is ${incident.status}` },
    ]);
  const unit = locked?.unit;
  if (!unit)
    throw new AppError('validation_failed', 'unknown unit', [{ field: 'unitId', message: 'no such unit' }]);
  let from = unit.status;
  const refused = alertTransitionError(unit.status);
  if (refused) {
    if (!opts.reassign || !ENGAGED_UNIT_STATUSES.includes(unit.status))
      throw new AppError('invalid_transition', `unit ${unit.callsign} is ${unit.status}`, [
        { field: 'unitId', message: refused },
      ]);
    // Reassignment: release it from its current incident first (evented like any release).
    await applyUnitStatus(w, unitId, 'available');
    from = 'available';
  }
  // The state tables decide; one statement writes assignment, alert, unit and incident status.
  const incidentStatus = statusOnDispatch(incident.status);
  const [written] = rowsOf<{ assignment_id: number; alerted_at: string; alert_id: number; sent_at: string }>(
    await w.tx.execute(sql`
          with a as (
                 insert into assignments (incident_id, unit_id, status, created_by)
                 values (${incidentId}, ${unitId}, 'alerted', ${w.actor?.userId ?? null})
                 returning id, alerted_at),
               al as (
                 insert into alerts (assignment_id, incident_id, station_id, unit_id)
                 select a.id, ${incidentId}, ${unit.station_id}, ${unitId} from a
                 returning id, sent_at),
               uu as (
                 update units set status = ${'alerted' satisfies UnitStatus}, status_since = now(), updated_at = now(),
                        version = version + 1
                  where id = ${unitId} returning id)
          ${
            incidentStatus
              ? sql`, ui as (
                 update incidents set status = ${incidentStatus}, updated_at = now(), version = version + 1
                  where id = ${incidentId} returning id)`
              : sql``
          }
          select a.id as assignment_id, ${isoSql(sql`a.alerted_at`)} as alerted_at,
                 al.id as alert_id, ${isoSql(sql`al.sent_at`)} as sent_at
            from a, al`),
  );
  const ids = present(written, 'assignment');
  // The unit and the incident as they are now, in one round trip; the new assignment is known.
  const read = present(await selectUnitWith(w.tx, unitId, incidentJsonSql(incidentId)), 'unit');
  const unitDto = read.unit;
  const incidentDto = incidentFromRow(present(read.more, 'incident'));
  const assignmentDto: AssignmentDto = {
    id: ids.assignment_id,
    incidentId,
    unitId,
    callsign: unitDto.callsign,
    unitType: unitDto.type,
    stationId: unit.station_id,
    status: 'alerted',
    alertedAt: ids.alerted_at,
    acknowledgedAt: null,
    enRouteAt: null,
    onSceneAt: null,
    releasedAt: null,
    alert: {
      id: ids.alert_id,
      sentAt: ids.sent_at,
      deliveredAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      escalatedAt: null,
      cancelledAt: null,
    },
  };
  const alert = newAlertDto({
    id: ids.alert_id,
    assignmentId: ids.assignment_id,
    incidentId,
    stationId: unit.station_id,
    unit: unitDto,
    sentAt: new Date(ids.sent_at),
  });
  w.emit(assignmentCreated(assignmentDto));
  w.emit(alertCreated(alert, incidentDto, unitDto));
  w.emit(unitStatusChanged(unitDto, from, incidentId));
  if (incidentStatus) w.emit(incidentUpdated(incidentDto, ['status'], { status: incident.status }));
  return { ...assignmentDto, alertId: ids.alert_id };
}
