import type { AlertDto } from '../alerts/alert-dto';
import type { EventFrame } from '../events/catalogue';
import type { AssignmentDto, IncidentDto } from '../incidents/incident-dto';

// The centre's live incidents (with their assignments and alert states), kept by folding catalogue
// events over what a page loaded. Pure: an event that changes nothing returns the same map, so React
// skips the render; an older incident snapshot never replaces a newer one (version), and applying an
// event twice (replay overlapping the initial load) leaves the same state.

export type IncidentRow = IncidentDto & { assignments: AssignmentDto[] };
export type IncidentMap = ReadonlyMap<number, IncidentRow>;

export function incidentMap(list: IncidentRow[]): IncidentMap {
  return new Map(list.map((i) => [i.id, i]));
}

/** The alert part of an assignment, as the alert events carry it in full. */
export function alertOfAssignment(a: AlertDto): NonNullable<AssignmentDto['alert']> {
  return {
    id: a.id,
    sentAt: a.sentAt,
    deliveredAt: a.deliveredAt,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
    escalatedAt: a.escalatedAt,
    cancelledAt: a.cancelledAt,
  };
}

export function reduceIncidents(map: IncidentMap, f: EventFrame): IncidentMap {
  switch (f.type) {
    case 'incident.created':
    case 'incident.updated':
    case 'handover.created':
    case 'incident.transfer_requested':
    case 'incident.transfer_accepted':
      return putIncident(map, f.data.incident);
    case 'alert.created':
      return patchAssignment(
        putIncident(map, f.data.incident),
        f.data.alert.incidentId,
        f.data.alert.assignmentId,
        (a) => ({
          ...a,
          alert: alertOfAssignment(f.data.alert),
        }),
      );
    case 'assignment.created':
      return putAssignment(map, f.data.assignment, false);
    case 'assignment.updated':
      // `from` is null only in an event written before protocol 2, whose assignment is partial.
      return putAssignment(map, f.data.assignment, f.data.from === null);
    case 'alert.delivered':
    case 'alert.acknowledged':
    case 'alert.escalated':
    case 'alert.cancelled':
      return patchAssignment(map, f.data.alert.incidentId, f.data.alert.assignmentId, (a) => ({
        ...a,
        alert: alertOfAssignment(f.data.alert),
      }));
    default:
      return map;
  }
}

function putIncident(map: IncidentMap, inc: IncidentDto): IncidentMap {
  const prev = map.get(inc.id);
  if (prev && prev.version >= inc.version) return map;
  return new Map(map).set(inc.id, { ...inc, assignments: prev?.assignments ?? [] });
}

// An assignment event carries the assignment as it now is. An event written before protocol 2 lacks
// the call sign and times (read-event.ts): only its status is taken over what the screen already had.
function putAssignment(map: IncidentMap, a: AssignmentDto, partial: boolean): IncidentMap {
  const inc = map.get(a.incidentId);
  if (!inc) return map;
  const prev = inc.assignments.find((x) => x.id === a.id);
  const next = partial && prev ? { ...prev, status: a.status, releasedAt: a.releasedAt } : a;
  const assignments = prev
    ? inc.assignments.map((x) => (x.id === a.id ? next : x))
    : [...inc.assignments, next];
  return new Map(map).set(inc.id, { ...inc, assignments });
}

function patchAssignment(
  map: IncidentMap,
  incidentId: number,
  assignmentId: number,
  fn: (a: AssignmentDto) => AssignmentDto,
): IncidentMap {
  const inc = map.get(incidentId);
  if (!inc?.assignments.some((a) => a.id === assignmentId)) return map;
  return new Map(map).set(incidentId, {
    ...inc,
    assignments: inc.assignments.map((a) => (a.id === assignmentId ? fn(a) : a)),
  });
}

/** Where an alert stands, as the board shows it. */
export function alertState(
  a: AssignmentDto['alert'],
): 'sent' | 'delivered' | 'acknowledged' | 'escalated' | 'cancelled' | null {
  if (!a) return null;
  if (a.acknowledgedAt) return 'acknowledged';
  if (a.cancelledAt) return 'cancelled';
  if (a.escalatedAt) return 'escalated';
  if (a.deliveredAt) return 'delivered';
  return 'sent';
}
