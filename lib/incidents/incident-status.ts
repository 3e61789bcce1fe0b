import {
  INCIDENT_STATUSES,
  type IncidentStatus,
  OUTCOMES,
  type Outcome,
  PRIORITIES,
  type Priority,
} from '../../db/schema/enums';

// The incident's small rules in one place, free of the database layer so the browser uses the same
// ones: the lifecycle, which statuses are open, and how priorities rank.

export { INCIDENT_STATUSES, type IncidentStatus, OUTCOMES, type Outcome, PRIORITIES, type Priority };

// new → dispatched → in_progress → closed, or cancelled (called off, at any stage, with a reason).
// A closed or cancelled incident comes back only by reopening it (canReopen), as new.
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['dispatched', 'cancelled', 'closed'],
  dispatched: ['in_progress', 'closed', 'cancelled'],
  in_progress: ['closed', 'cancelled'],
  closed: [],
  cancelled: [],
};

export function canChangeIncidentStatus(from: IncidentStatus, to: IncidentStatus): boolean {
  return from === to || NEXT[from].includes(to);
}

/**
 * Why a closed or cancelled incident may not be reopened now (null: it may). A merged duplicate stays
 * closed: its work lives on in the incident it was merged into.
 */
export function reopenError(
  inc: { status: IncidentStatus; closedAt: string | Date | null; mergedInto: number | null },
  windowMin: number,
  now = Date.now(),
): string | null {
  if (isOpenIncident(inc.status)) return 'the incident is open';
  if (inc.mergedInto !== null) return 'a merged duplicate cannot be reopened';
  const closed = inc.closedAt === null ? Number.NaN : new Date(inc.closedAt).getTime();
  if (!(now - closed <= windowMin * 60_000)) return `closed more than ${windowMin} minutes ago`;
  return null;
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
