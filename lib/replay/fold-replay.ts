import type { AssignmentStatus, NoteKind } from '../../db/schema/enums';
import type { EventFrame } from '../events/catalogue';
import type { IncidentDto } from '../incidents/incident-dto';
import type { UnitDto } from '../units/unit-dto';

// Folding a replay's events up to a moment: pure, shared by the replay screen and its unit test.
// Event payloads carry full snapshots, so the state is the last snapshot of each incident and unit.

/** An event of the log as the replay reads it: the frame, who did it and what it is filed under. */
export type ReplayEvent = EventFrame & { actor: string; incidentId: number | null; unitId: number | null };

/** What was on the map when the replay starts. */
export interface ReplayInitial {
  incidents: IncidentDto[];
  units: UnitDto[];
}

export interface ReplayNote {
  seq: number;
  incidentId: number;
  at: string;
  text: string;
  /** A plain note, or the reason given with a lifecycle action (labelled on the screen). */
  kind: NoteKind;
  author: string;
}

export interface ReplayState {
  /** Index of the next event to apply (events[0..next) are applied). */
  next: number;
  incidents: Map<number, IncidentDto>;
  units: Map<number, UnitDto>;
  /** Assignment status per incident and unit, as the board showed it. */
  assignments: Map<number, { incidentId: number; unitId: number; status: AssignmentStatus }>;
  notes: ReplayNote[];
  /** Each unit's path so far. */
  tracks: Map<number, [number, number][]>;
}

export function initialState(initial: ReplayInitial): ReplayState {
  const s: ReplayState = {
    next: 0,
    incidents: new Map(),
    units: new Map(),
    assignments: new Map(),
    notes: [],
    tracks: new Map(),
  };
  for (const i of initial.incidents) s.incidents.set(i.id, i);
  for (const u of initial.units) putUnit(s, u);
  return s;
}

function putUnit(s: ReplayState, u: UnitDto) {
  s.units.set(u.id, u);
  if (!u.position) return;
  const track = s.tracks.get(u.id) ?? [];
  const last = track[track.length - 1];
  if (!last || last[0] !== u.position.lat || last[1] !== u.position.lon)
    s.tracks.set(u.id, [...track, [u.position.lat, u.position.lon]]);
}

/** Applies one event to the state (mutating it; callers keep one state per forward pass). */
export function applyEvent(s: ReplayState, e: ReplayEvent): void {
  switch (e.type) {
    case 'incident.created':
    case 'incident.updated':
    case 'handover.created':
      s.incidents.set(e.data.incident.id, e.data.incident);
      break;
    case 'alert.created':
      s.incidents.set(e.data.incident.id, e.data.incident);
      putUnit(s, e.data.unit);
      break;
    case 'unit.status_changed':
    case 'unit.position_changed':
    case 'unit.updated':
      putUnit(s, e.data.unit);
      break;
    case 'assignment.created':
    case 'assignment.updated': {
      const a = e.data.assignment;
      s.assignments.set(a.id, { incidentId: a.incidentId, unitId: a.unitId, status: a.status });
      break;
    }
    case 'incident.note_added': {
      const n = e.data.note;
      s.notes.push({
        seq: e.seq,
        incidentId: n.incidentId,
        at: e.at,
        text: n.text,
        kind: n.kind,
        author: n.author,
      });
      break;
    }
  }
}

/** The state at a moment: continues from `from` when the moment is later, else starts over. */
export function stateAt(
  events: ReplayEvent[],
  initial: ReplayInitial,
  atMs: number,
  from?: ReplayState,
): ReplayState {
  let s = from;
  const upTo = firstAfter(events, atMs);
  if (!s || s.next > upTo) s = initialState(initial);
  for (let i = s.next; i < upTo; i++) applyEvent(s, events[i] as ReplayEvent);
  s.next = upTo;
  return s;
}

/** Index of the first event later than the moment (binary search; events are in seq = time order). */
export function firstAfter(events: { at: string }[], atMs: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse((events[mid] as { at: string }).at) <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
