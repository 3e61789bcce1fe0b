import { byUrgency, priorityRank } from '../incidents/incident-status';
import type { IncidentRow } from './incidents';

// The dispatcher's board order, chosen on the screen. The default puts what nobody is working on yet
// first: incidents without a unit on them, by priority and then by age (oldest first), then the rest
// in the same order.

export const BOARD_SORTS = ['urgency', 'priority', 'newest', 'oldest'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export function isUnassigned(i: IncidentRow): boolean {
  return !i.assignments.some((a) => a.releasedAt === null);
}

const COMPARE: Record<BoardSort, (a: IncidentRow, b: IncidentRow) => number> = {
  urgency: (a, b) => Number(isUnassigned(b)) - Number(isUnassigned(a)) || byUrgency(a, b),
  priority: byUrgency,
  newest: (a, b) =>
    b.createdAt.localeCompare(a.createdAt) || priorityRank(a.priority) - priorityRank(b.priority),
  oldest: (a, b) =>
    a.createdAt.localeCompare(b.createdAt) || priorityRank(a.priority) - priorityRank(b.priority),
};

export function sortBoard(list: readonly IncidentRow[], sort: BoardSort): IncidentRow[] {
  return [...list].sort(COMPARE[sort]);
}

/** Closed and cancelled incidents, the latest ended first (the list to reopen from). */
export function sortEnded(list: readonly IncidentRow[]): IncidentRow[] {
  return [...list].sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
}

/** The newest incident nobody is working on (the dispatcher's "next" key). */
export function newestUnassigned(list: readonly IncidentRow[]): IncidentRow | undefined {
  let best: IncidentRow | undefined;
  for (const i of list) if (isUnassigned(i) && (!best || i.createdAt > best.createdAt)) best = i;
  return best;
}
