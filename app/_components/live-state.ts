'use client';

import type { AlertDto } from '@/lib/alerts/alert-dto';
import type { AssignmentDto, IncidentDto } from '@/lib/incidents/incident-dto';
import type { EventFrame } from '@/lib/realtime/event-types';
import type { TNeed, TQuestion } from '@/lib/triage/schemas';
import type { UnitDto } from '@/lib/units/unit-dto';

export type { AlertDto, AssignmentDto, IncidentDto, UnitDto };
export type IncidentRow = IncidentDto & { assignments: AssignmentDto[] };

/** As served by GET /api/incident-types. */
export interface IncidentType {
  code: string;
  name: { sl: string; en: string };
  defaultPriority: 'red' | 'yellow' | 'green';
  needs: TNeed[];
  questions: TQuestion[];
}

// Applying events as snapshots: an older snapshot never replaces a newer one (version check), and
// patches are idempotent, so replays and the initial-load overlap are harmless.

export function applyToIncidents(
  map: Map<number, IncidentRow>,
  f: EventFrame,
): Map<number, IncidentRow> | null {
  const data = f.data as Record<string, unknown>;
  switch (f.type) {
    case 'incident.created':
    case 'incident.updated': {
      const inc = data.incident as IncidentDto | undefined;
      if (!inc) return null;
      const prev = map.get(inc.id);
      if (prev && prev.version > inc.version) return null;
      const next = new Map(map);
      next.set(inc.id, { ...inc, assignments: prev?.assignments ?? [] });
      return next;
    }
    case 'assignment.created': {
      const a = data.assignment as AssignmentDto | undefined;
      const inc = a && map.get(a.incidentId);
      if (!a || !inc) return null;
      const next = new Map(map);
      next.set(inc.id, { ...inc, assignments: [...inc.assignments.filter((x) => x.id !== a.id), a] });
      return next;
    }
    case 'assignment.updated': {
      const { assignmentId, incidentId, status } = data as {
        assignmentId: number;
        incidentId: number;
        status: string;
      };
      return patchAssignment(map, incidentId, assignmentId, (a) => ({
        ...a,
        status,
        ...(status === 'released' ? { releasedAt: f.at } : {}),
        ...(status === 'acknowledged' ? { acknowledgedAt: a.acknowledgedAt ?? f.at } : {}),
      }));
    }
    case 'alert.created': {
      // A re-alert: the same alert sent anew.
      const d = data as {
        alertId: number;
        assignmentId: number;
        incidentId: number;
        sentAt: string;
        realert?: number;
      };
      if (!d.realert) return null;
      return patchAssignment(map, d.incidentId, d.assignmentId, (a) =>
        a.alert ? { ...a, alert: { ...a.alert, sentAt: d.sentAt, deliveredAt: null, escalatedAt: null } } : a,
      );
    }
    case 'alert.delivered':
    case 'alert.escalated':
    case 'alert.acknowledged': {
      const alert = data.alert as AlertDto | undefined;
      if (!alert) return null;
      return patchAssignment(map, alert.incidentId, alert.assignmentId, (a) => ({
        ...a,
        alert: {
          id: alert.id,
          sentAt: alert.sentAt,
          deliveredAt: alert.deliveredAt,
          acknowledgedAt: alert.acknowledgedAt,
          acknowledgedBy: alert.acknowledgedBy,
          escalatedAt: alert.escalatedAt,
        },
      }));
    }
    default:
      return null;
  }
}

function patchAssignment(
  map: Map<number, IncidentRow>,
  incidentId: number,
  assignmentId: number,
  fn: (a: AssignmentDto) => AssignmentDto,
): Map<number, IncidentRow> | null {
  const inc = map.get(incidentId);
  if (!inc?.assignments.some((a) => a.id === assignmentId)) return null;
  const next = new Map(map);
  next.set(incidentId, {
    ...inc,
    assignments: inc.assignments.map((a) => (a.id === assignmentId ? fn(a) : a)),
  });
  return next;
}

export function applyToUnits(map: Map<number, UnitDto>, f: EventFrame): Map<number, UnitDto> | null {
  if (
    f.type !== 'unit.status_changed' &&
    f.type !== 'unit.position_changed' &&
    f.type !== 'unit.updated' &&
    f.type !== 'alert.created'
  )
    return null;
  const unit = (f.data as { unit?: UnitDto }).unit;
  if (!unit) return null;
  const prev = map.get(unit.id);
  if (prev && prev.version > unit.version) return null;
  const next = new Map(map);
  next.set(unit.id, { ...prev, ...unit, distanceM: prev?.distanceM });
  return next;
}

export function alertState(
  a: AssignmentDto['alert'],
): 'sent' | 'delivered' | 'acknowledged' | 'escalated' | null {
  if (!a) return null;
  if (a.acknowledgedAt) return 'acknowledged';
  if (a.escalatedAt) return 'escalated';
  if (a.deliveredAt) return 'delivered';
  return 'sent';
}

export const PRIORITY_RANK: Record<string, number> = { red: 0, yellow: 1, green: 2 };
