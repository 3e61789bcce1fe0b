import { INCIDENT_STATUSES, type IncidentStatus, PRIORITIES, type Priority } from '../../db/schema/enums';

// The incident's small rules in one place, free of the database layer so the browser uses the same
// ones: the lifecycle, which statuses are open, and how priorities rank.

export { INCIDENT_STATUSES, type IncidentStatus, PRIORITIES, type Priority };

// new → dispatched → in_progress → closed, or cancelled before work starts.
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['dispatched', 'cancelled', 'closed'],
  dispatched: ['in_progress', 'closed', 'cancelled'],
  in_progress: ['closed'],
  closed: [],
  cancelled: [],
};

export function canChangeIncidentStatus(from: IncidentStatus, to: IncidentStatus): boolean {
  return from === to || NEXT[from].includes(to);
}

export const OPEN_INCIDENT_STATUSES = [
  'new',
  'dispatched',
  'in_progress',
] as const satisfies readonly IncidentStatus[];
const OPEN = new Set<string>(OPEN_INCIDENT_STATUSES);

export function isOpenIncident(status: IncidentStatus): boolean {
  return OPEN.has(status);
}

/** What an incident's status becomes when a unit is alerted to it (null: it stays as it is). */
export function statusOnDispatch(status: IncidentStatus): IncidentStatus | null {
  return status === 'new' ? 'dispatched' : null;
}

/** What it becomes when a unit reports on scene (null: it stays as it is). */
export function statusOnScene(status: IncidentStatus): IncidentStatus | null {
  return status === 'dispatched' ? 'in_progress' : null;
}

/** Red first: the index in PRIORITIES (0 for red); unknown values last. */
export function priorityRank(p: string): number {
  const i = (PRIORITIES as readonly string[]).indexOf(p);
  return i < 0 ? PRIORITIES.length : i;
}

/** The more urgent of two priorities. */
export function morePressing(a: Priority, b: Priority): Priority {
  return priorityRank(a) <= priorityRank(b) ? a : b;
}

/** The board's order: most urgent priority first, then the oldest. */
export function byUrgency(
  a: { priority: string; createdAt: string },
  b: { priority: string; createdAt: string },
): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || a.createdAt.localeCompare(b.createdAt);
}
