import { describe, expect, it } from 'vitest';
import { reopenError } from '../../lib/incidents/incident-status';
import { isUnassigned, newestUnassigned, sortBoard, sortEnded } from '../../lib/live/board-order';
import type { IncidentRow } from '../../lib/live/incidents';
import { assignmentDto, at, incidentDto } from '../fixtures/events';

const row = (
  id: number,
  priority: 'red' | 'yellow' | 'green',
  ageS: number,
  assigned = false,
): IncidentRow => ({
  ...incidentDto({ id, number: `2026-00000${id}`, priority, createdAt: at(-ageS) }),
  assignments: assigned ? [assignmentDto({ incidentId: id, releasedAt: null })] : [],
});

describe("the dispatcher's board order", () => {
  const list = [
    row(1, 'green', 600),
    row(2, 'red', 60, true),
    row(3, 'red', 30),
    row(4, 'yellow', 900),
    row(5, 'red', 120),
  ];

  it('by default, unassigned first by priority and age, then the rest the same way', () => {
    expect(sortBoard(list, 'urgency').map((i) => i.id)).toEqual([5, 3, 4, 1, 2]);
  });

  it('by priority and age, newest, oldest', () => {
    expect(sortBoard(list, 'priority').map((i) => i.id)).toEqual([5, 2, 3, 4, 1]);
    expect(sortBoard(list, 'newest').map((i) => i.id)).toEqual([3, 2, 5, 1, 4]);
    expect(sortBoard(list, 'oldest').map((i) => i.id)).toEqual([4, 1, 5, 2, 3]);
  });

  it('the newest unassigned, and a released unit makes an incident unassigned again', () => {
    expect(newestUnassigned(list)?.id).toBe(3);
    const released = {
      ...row(6, 'green', 1),
      assignments: [assignmentDto({ incidentId: 6, releasedAt: at(0) })],
    };
    expect(isUnassigned(released)).toBe(true);
    expect(newestUnassigned([...list, released])?.id).toBe(6);
  });

  it('ended incidents, the latest ended first', () => {
    const a = { ...row(7, 'red', 10), status: 'closed' as const, closedAt: at(5) };
    const b = { ...row(8, 'red', 10), status: 'cancelled' as const, closedAt: at(9) };
    expect(sortEnded([a, b]).map((i) => i.id)).toEqual([8, 7]);
  });
});

describe('reopening', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  const closed = (minutesAgo: number, mergedInto: number | null = null) => ({
    status: 'closed' as const,
    closedAt: new Date(now - minutesAgo * 60_000).toISOString(),
    mergedInto,
  });
  it('within the window only, never an open incident or a merged duplicate', () => {
    expect(reopenError(closed(59), 60, now)).toBeNull();
    expect(reopenError(closed(61), 60, now)).toMatch(/more than 60 minutes/);
    expect(reopenError({ status: 'new', closedAt: null, mergedInto: null }, 60, now)).toMatch(/open/);
    expect(reopenError(closed(1, 42), 60, now)).toMatch(/merged/);
    expect(reopenError({ status: 'cancelled', closedAt: null, mergedInto: null }, 60, now)).not.toBeNull();
  });
});
