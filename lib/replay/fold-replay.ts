// Folding a replay's events up to a moment: pure, shared by the replay screen and its unit test.
// Event payloads carry full snapshots, so the state is the last snapshot of each incident and unit.

export interface ReplayEventLike {
  seq: number;
  at: string;
  type: string;
  actor: string;
  incidentId: number | null;
  unitId: number | null;
  data: unknown;
}

export interface ReplayIncident {
  id: number;
  number: string;
  type: string;
  priority: string;
  status: string;
  location: { lat: number; lon: number; address: string };
}

export interface ReplayUnit {
  id: number;
  callsign: string;
  type: string;
  status: string;
  position: { lat: number; lon: number } | null;
}

export interface ReplayNote {
  seq: number;
  incidentId: number | null;
  at: string;
  text: string;
  author: string;
}

export interface ReplayState {
  /** Index of the next event to apply (events[0..next) are applied). */
  next: number;
  incidents: Map<number, ReplayIncident>;
  units: Map<number, ReplayUnit>;
  /** Assignment status per incident and unit callsign, as the board showed it. */
  assignments: Map<number, { incidentId: number; unitId: number; status: string }>;
  notes: ReplayNote[];
  /** Each unit's path so far. */
  tracks: Map<number, [number, number][]>;
}

export function initialState(initial: { incidents: unknown[]; units: unknown[] }): ReplayState {
  const s: ReplayState = {
    next: 0,
    incidents: new Map(),
    units: new Map(),
    assignments: new Map(),
    notes: [],
    tracks: new Map(),
  };
  for (const i of initial.incidents) putIncident(s, i);
  for (const u of initial.units) putUnit(s, u);
  return s;
}

function putIncident(s: ReplayState, raw: unknown) {
  const i = raw as ReplayIncident | undefined;
  if (i && typeof i.id === 'number' && i.location) s.incidents.set(i.id, i);
}

function putUnit(s: ReplayState, raw: unknown) {
  const u = raw as ReplayUnit | undefined;
  if (!u || typeof u.id !== 'number') return;
  s.units.set(u.id, u);
  if (u.position) {
    const track = s.tracks.get(u.id) ?? [];
    const last = track[track.length - 1];
    if (!last || last[0] !== u.position.lat || last[1] !== u.position.lon)
      s.tracks.set(u.id, [...track, [u.position.lat, u.position.lon]]);
  }
}

/** Applies one event to the state (mutating it; callers keep one state per forward pass). */
export function applyEvent(s: ReplayState, e: ReplayEventLike): void {
  const d = (e.data ?? {}) as Record<string, unknown>;
  if (d.incident) putIncident(s, d.incident);
  if (d.unit) putUnit(s, d.unit);
  switch (e.type) {
    case 'assignment.created': {
      const a = d.assignment as
        | { id: number; incidentId: number; unitId: number; status: string }
        | undefined;
      if (a) s.assignments.set(a.id, { incidentId: a.incidentId, unitId: a.unitId, status: a.status });
      break;
    }
    case 'assignment.updated': {
      const id = d.assignmentId as number;
      const a = s.assignments.get(id);
      if (a) s.assignments.set(id, { ...a, status: String(d.status) });
      else if (e.incidentId !== null && e.unitId !== null)
        s.assignments.set(id, { incidentId: e.incidentId, unitId: e.unitId, status: String(d.status) });
      break;
    }
    case 'incident.note_added': {
      const n = d.note as { text?: string; authorName?: string } | undefined;
      if (n?.text)
        s.notes.push({
          seq: e.seq,
          incidentId: e.incidentId,
          at: e.at,
          text: n.text,
          author: n.authorName ?? e.actor,
        });
      break;
    }
  }
}

/** The state at a moment: continues from `from` when the moment is later, else starts over. */
export function stateAt(
  events: ReplayEventLike[],
  initial: { incidents: unknown[]; units: unknown[] },
  atMs: number,
  from?: ReplayState,
): ReplayState {
  let s = from;
  const upTo = firstAfter(events, atMs);
  if (!s || s.next > upTo) s = initialState(initial);
  for (let i = s.next; i < upTo; i++) applyEvent(s, events[i] as ReplayEventLike);
  s.next = upTo;
  return s;
}

/** Index of the first event later than the moment (binary search; events are in seq = time order). */
export function firstAfter(events: ReplayEventLike[], atMs: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse((events[mid] as ReplayEventLike).at) <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
