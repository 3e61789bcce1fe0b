import type { AssignmentStatus } from '../../db/schema/enums';
import type { IncidentDto } from '../incidents/incident-dto';
import type { UnitDto } from '../units/unit-dto';
import type { EventData, EventFrame, EventType } from './catalogue';

// Reading the log back: the one place where a stored payload becomes a typed event. The log is written
// only through the catalogue's builders, so a payload matches its type's current shape, except for
// events written before protocol 2, which are brought up to it here (the log itself is never rewritten).

export interface StoredEvent {
  seq: number;
  type: string;
  at: Date | string;
  payload: unknown;
  stationId: number | null;
}

/** alert.created before protocol 2: the alert's fields flat beside the incident and unit. */
interface AlertCreatedV1 {
  alertId: number;
  incidentId: number;
  unitId: number;
  stationId: number;
  assignmentId: number;
  sentAt: string;
  incident: IncidentDto;
  unit: UnitDto;
  realert?: number;
}

/** assignment.updated before protocol 2: ids and the new status only. */
interface AssignmentUpdatedV1 {
  assignmentId: number;
  incidentId: number;
  unitId: number;
  status: AssignmentStatus;
}

function upcastAlertCreated(p: AlertCreatedV1): EventData<'alert.created'> {
  // Defensive: a damaged old row shows with empty names rather than failing the whole page.
  const unit = p.unit ?? ({} as Partial<UnitDto>);
  return {
    alert: {
      id: p.alertId,
      alertId: p.alertId,
      assignmentId: p.assignmentId,
      incidentId: p.incidentId,
      stationId: p.stationId,
      unitId: p.unitId,
      callsign: unit.callsign ?? '',
      unitType: unit.type ?? '',
      sentAt: p.sentAt,
      deliveredAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      escalatedAt: null,
      cancelledAt: null,
      realertCount: p.realert ?? 0,
    },
    incident: p.incident,
    unit: p.unit,
  };
}

/** What a v1 event did not record (call sign, time stamps) stays empty. */
function upcastAssignmentUpdated(p: AssignmentUpdatedV1, at: string, stationId: number | null) {
  const data: EventData<'assignment.updated'> = {
    assignment: {
      id: p.assignmentId,
      incidentId: p.incidentId,
      unitId: p.unitId,
      callsign: '',
      unitType: '',
      stationId: stationId ?? 0,
      status: p.status,
      alertedAt: at,
      acknowledgedAt: null,
      enRouteAt: null,
      onSceneAt: null,
      releasedAt: p.status === 'released' ? at : null,
      alert: null,
    },
    from: null,
  };
  return data;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Fields added to the entities after an event was written, with the values they had then: an incident
 * was not closed with an outcome or merged, a note was a plain note, a unit's status time is unknown
 * (the event's own time stands in).
 */
function withLaterFields(data: unknown, at: string): unknown {
  if (!isObject(data)) return data;
  const out: Record<string, unknown> = { ...data };
  let changed = false;
  for (const key of ['incident', 'into'] as const) {
    const inc = out[key];
    if (isObject(inc) && !('closeRemark' in inc)) {
      out[key] = { outcome: null, closeRemark: '', mergedInto: null, ...inc };
      changed = true;
    }
  }
  if (isObject(out.note) && !('kind' in out.note)) {
    out.note = { ...out.note, kind: 'note' };
    changed = true;
  }
  if (isObject(out.alert) && !('cancelledAt' in out.alert)) {
    out.alert = { ...out.alert, cancelledAt: null };
    changed = true;
  }
  const asg = out.assignment;
  if (isObject(asg) && isObject(asg.alert) && !('cancelledAt' in asg.alert)) {
    out.assignment = { ...asg, alert: { ...asg.alert, cancelledAt: null } };
    changed = true;
  }
  if (isObject(out.fix) && !('doubts' in out.fix)) {
    out.fix = { ...out.fix, doubts: [] };
    changed = true;
  }
  if (isObject(out.unit) && !('statusSince' in out.unit)) {
    out.unit = { ...out.unit, statusSince: at };
    changed = true;
  }
  return changed ? out : data;
}

/** A stored row as the frame clients receive (current payload shapes). */
export function toFrame(row: StoredEvent): EventFrame {
  const at = row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString();
  const p = row.payload;
  let data: unknown = p;
  if (row.type === 'alert.created' && isObject(p) && !('alert' in p))
    data = upcastAlertCreated(p as unknown as AlertCreatedV1);
  else if (row.type === 'assignment.updated' && isObject(p) && !('assignment' in p))
    data = upcastAssignmentUpdated(p as unknown as AssignmentUpdatedV1, at, row.stationId);
  data = withLaterFields(data, at);
  // The trust boundary: rows come from emit(), which takes only catalogue events.
  return { seq: row.seq, type: row.type as EventType, at, data } as EventFrame;
}
