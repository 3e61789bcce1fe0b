import { describe, expect, it } from 'vitest';
import * as ev from '../../lib/events/build';
import { firstAfter, type ReplayEvent, stateAt } from '../../lib/replay/fold-replay';
import { alertDto, assignmentDto, at, incidentDto, logged, T0, unitDto } from '../fixtures/events';

// The fixture is made by the real builders from entities typed as the API returns them: the replay
// reads exactly what the producers write (a hand-made payload once hid a wrong note field).
const unit = (status: 'alerted' | 'en_route', lat: number) =>
  unitDto({ status, position: { lat, lon: 14.5, d96: { e: 0, n: 0 } }, incidentId: 1, version: lat * 100 });
const incident = (status: 'new' | 'dispatched' | 'closed', version: number) =>
  incidentDto({ status, version });
const alerted = assignmentDto({ id: 3 });

const events: ReplayEvent[] = [
  logged(ev.incidentCreated(incident('new', 1)), 1, at(0), 'ana'),
  logged(ev.assignmentCreated(alerted), 2, at(30), 'marko'),
  logged(
    ev.alertCreated(alertDto({ assignmentId: 3 }), incident('dispatched', 2), unit('alerted', 46.1)),
    3,
    at(30),
    'marko',
  ),
  logged(
    ev.assignmentUpdated({ ...alerted, status: 'en_route', enRouteAt: at(60) }, 'alerted'),
    4,
    at(60),
    'gb',
  ),
  logged(ev.unitPositionChanged(unit('en_route', 46.08)), 5, at(90), 'gb'),
  logged(ev.unitPositionChanged(unit('en_route', 46.06)), 6, at(120), 'gb'),
  logged(
    ev.noteAdded({
      id: 1,
      incidentId: 1,
      text: 'dim iz kleti',
      kind: 'note',
      author: 'Marko Novak',
      createdAt: at(150),
    }),
    7,
    at(150),
    'marko',
  ),
  logged(
    ev.incidentUpdated(incident('closed', 3), ['status'], { status: 'in_progress' }),
    8,
    at(600),
    'marko',
  ),
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
    expect(later.notes.map((n) => [n.text, n.author])).toEqual([['dim iz kleti', 'Marko Novak']]);
  });

  it('going forward continues from the previous state; going back starts over (no leftovers)', () => {
    const end = stateAt(events, none, T0 + 700_000);
    expect(end.incidents.get(1)?.status).toBe('closed');
    const back = stateAt(events, none, T0 + 45_000, end);
    expect(back.incidents.get(1)?.status).toBe('dispatched');
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
