import { describe, expect, it } from 'vitest';
import { firstAfter, type ReplayEventLike, stateAt } from '../../lib/replay/fold-replay';

const T0 = Date.parse('2026-11-27T20:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const unit = (status: string, lat: number) => ({
  id: 7,
  callsign: 'GB-LJ-12',
  type: 'GVC 16/25',
  status,
  position: { lat, lon: 14.5 },
});
const incident = (status: string) => ({
  id: 1,
  number: '2026-000001',
  type: 'fire_building',
  priority: 'red',
  status,
  location: { lat: 46.05, lon: 14.5, address: 'Prešernov trg' },
});

const events: ReplayEventLike[] = [
  {
    seq: 1,
    at: at(0),
    type: 'incident.created',
    actor: 'ana',
    incidentId: 1,
    unitId: null,
    data: { incident: incident('new') },
  },
  {
    seq: 2,
    at: at(30),
    type: 'assignment.created',
    actor: 'marko',
    incidentId: 1,
    unitId: 7,
    data: { assignment: { id: 3, incidentId: 1, unitId: 7, status: 'alerted' } },
  },
  {
    seq: 3,
    at: at(30),
    type: 'alert.created',
    actor: 'marko',
    incidentId: 1,
    unitId: 7,
    data: { unit: unit('alerted', 46.1) },
  },
  {
    seq: 4,
    at: at(60),
    type: 'assignment.updated',
    actor: 'gb',
    incidentId: 1,
    unitId: 7,
    data: { assignmentId: 3, incidentId: 1, unitId: 7, status: 'en_route' },
  },
  {
    seq: 5,
    at: at(90),
    type: 'unit.position_changed',
    actor: 'gb',
    incidentId: null,
    unitId: 7,
    data: { unit: unit('en_route', 46.08) },
  },
  {
    seq: 6,
    at: at(120),
    type: 'unit.position_changed',
    actor: 'gb',
    incidentId: null,
    unitId: 7,
    data: { unit: unit('en_route', 46.06) },
  },
  {
    seq: 7,
    at: at(150),
    type: 'incident.note_added',
    actor: 'marko',
    incidentId: 1,
    unitId: null,
    data: { note: { text: 'dim iz kleti', authorName: 'Marko' } },
  },
  {
    seq: 8,
    at: at(600),
    type: 'incident.updated',
    actor: 'marko',
    incidentId: 1,
    unitId: null,
    data: { incident: incident('closed') },
  },
];
const none = { incidents: [], units: [] };

describe('replay: the state at a moment is the last snapshot of everything before it', () => {
  it('before the first event there is nothing; at it, the incident alone', () => {
    expect(stateAt(events, none, T0 - 1).incidents.size).toBe(0);
    const s = stateAt(events, none, T0);
    expect([...s.incidents.values()].map((i) => i.status)).toEqual(['new']);
    expect(s.units.size).toBe(0);
  });

  it('the unit appears when alerted, drives (its track grows) and the note shows at its time', () => {
    const s = stateAt(events, none, T0 + 125_000);
    expect(s.assignments.get(3)?.status).toBe('en_route');
    expect(s.units.get(7)?.position?.lat).toBe(46.06);
    expect(s.tracks.get(7)).toEqual([
      [46.1, 14.5],
      [46.08, 14.5],
      [46.06, 14.5],
    ]);
    expect(s.notes).toEqual([]);
    const later = stateAt(events, none, T0 + 200_000, s);
    expect(later.notes.map((n) => n.text)).toEqual(['dim iz kleti']);
  });

  it('going forward continues from the previous state; going back starts over (no leftovers)', () => {
    const end = stateAt(events, none, T0 + 700_000);
    expect(end.incidents.get(1)?.status).toBe('closed');
    const back = stateAt(events, none, T0 + 45_000, end);
    expect(back.incidents.get(1)?.status).toBe('new');
    expect(back.assignments.get(3)?.status).toBe('alerted');
    expect(back.notes).toEqual([]);
    expect(back.tracks.get(7)).toEqual([[46.1, 14.5]]);
  });

  it('finds the first event after a moment by binary search, equal times included before', () => {
    expect(firstAfter(events, T0 - 1)).toBe(0);
    expect(firstAfter(events, T0 + 30_000)).toBe(3);
    expect(firstAfter(events, T0 + 10_000_000)).toBe(events.length);
  });
});
