import { describe, expect, it } from 'vitest';
import * as ev from '../../lib/events/build';
import { alertState, incidentMap, reduceIncidents } from '../../lib/live/incidents';
import { newestFix, reduceDeviceFix } from '../../lib/live/location-fixes';
import { reduceHandovers, reduceStationAlerts } from '../../lib/live/station-alerts';
import { reduceUnits, unitMap } from '../../lib/live/units';
import {
  alertDto,
  assignmentDto,
  at,
  fixDto,
  frame,
  handoverDto,
  incidentDto,
  unitDto,
} from '../fixtures/events';

// The screens' live state is a fold of catalogue events, made here by the real builders.

describe('the centre’s incidents', () => {
  const loaded = incidentMap([{ ...incidentDto(), assignments: [] }]);

  it('a newer snapshot replaces the incident and keeps its assignments; an older one changes nothing', () => {
    const withUnit = reduceIncidents(loaded, frame(ev.assignmentCreated(assignmentDto()), 1));
    const updated = reduceIncidents(
      withUnit,
      frame(
        ev.incidentUpdated(incidentDto({ priority: 'yellow', version: 2 }), ['priority'], {
          priority: 'red',
        }),
        2,
      ),
    );
    expect(updated.get(1)?.priority).toBe('yellow');
    expect(updated.get(1)?.assignments).toHaveLength(1);
    const stale = frame(
      ev.incidentUpdated(incidentDto({ priority: 'green', version: 1 }), ['priority'], { priority: 'red' }),
      3,
    );
    expect(reduceIncidents(updated, stale)).toBe(updated);
  });

  it('an event that changes nothing returns the same map (no re-render), applied twice the same state', () => {
    const f = frame(ev.incidentCreated(incidentDto({ id: 2, number: '2026-000002' })), 1);
    const once = reduceIncidents(loaded, f);
    expect(once.size).toBe(2);
    expect(reduceIncidents(once, f)).toBe(once);
    expect(reduceIncidents(once, frame(ev.unitPositionChanged(unitDto()), 2))).toBe(once);
  });

  it('follows an assignment with the time stamps the server set, and its alert through to acknowledged', () => {
    let m = reduceIncidents(loaded, frame(ev.assignmentCreated(assignmentDto()), 1));
    m = reduceIncidents(m, frame(ev.alertDelivered(alertDto({ deliveredAt: at(31) })), 2));
    expect(alertState(m.get(1)?.assignments[0]?.alert ?? null)).toBe('delivered');
    const acked = alertDto({ deliveredAt: at(31), acknowledgedAt: at(40), acknowledgedBy: 'PGD Vič' });
    m = reduceIncidents(m, frame(ev.alertAcknowledged(acked), 3));
    // The server's snapshot of the assignment carries its alert as it now is.
    const enRoute = assignmentDto({
      status: 'en_route',
      acknowledgedAt: at(40),
      enRouteAt: at(55),
      alert: {
        id: 11,
        sentAt: at(30),
        deliveredAt: at(31),
        acknowledgedAt: at(40),
        acknowledgedBy: 'PGD Vič',
        escalatedAt: null,
        cancelledAt: null,
      },
    });
    m = reduceIncidents(m, frame(ev.assignmentUpdated(enRoute, 'acknowledged'), 4));
    const a = m.get(1)?.assignments[0];
    expect(a?.status).toBe('en_route');
    expect(a?.enRouteAt).toBe(at(55));
    expect(alertState(a?.alert ?? null)).toBe('acknowledged');
  });

  it('a re-alert sends the alert anew: sent again, no longer escalated', () => {
    const escalated = assignmentDto({
      alert: {
        id: 11,
        sentAt: at(30),
        deliveredAt: at(31),
        acknowledgedAt: null,
        acknowledgedBy: null,
        escalatedAt: at(90),
        cancelledAt: null,
      },
    });
    const m0 = incidentMap([{ ...incidentDto(), assignments: [escalated] }]);
    expect(alertState(m0.get(1)?.assignments[0]?.alert ?? null)).toBe('escalated');
    const again = alertDto({ sentAt: at(100), realertCount: 1 });
    const m = reduceIncidents(m0, frame(ev.alertCreated(again, incidentDto(), unitDto()), 5));
    expect(m.get(1)?.assignments[0]?.alert).toMatchObject({ sentAt: at(100), escalatedAt: null });
  });
});

describe('units', () => {
  it('take the newest snapshot from any event that carries one, and keep the distance measured for the screen', () => {
    const m0 = unitMap([{ ...unitDto(), distanceM: 1200 }]);
    const m = reduceUnits(
      m0,
      frame(ev.unitStatusChanged(unitDto({ status: 'en_route', version: 2 }), 'alerted', 1), 1),
    );
    expect(m.get(7)).toMatchObject({ status: 'en_route', distanceM: 1200 });
    expect(reduceUnits(m, frame(ev.unitPositionChanged(unitDto({ version: 1 })), 2))).toBe(m);
  });
});

describe('a station’s screen', () => {
  it('gets its alert with the incident, takes the acknowledgement, and ignores another station’s', () => {
    const f = frame(ev.alertCreated(alertDto(), incidentDto(), unitDto()), 1);
    const mine = reduceStationAlerts(new Map(), f, 3);
    expect(mine.get(11)?.incident?.number).toBe('2026-000001');
    expect(reduceStationAlerts(new Map(), f, 4).size).toBe(0);
    const acked = reduceStationAlerts(
      mine,
      frame(ev.alertAcknowledged(alertDto({ acknowledgedAt: at(40) })), 2),
      3,
    );
    expect(acked.get(11)?.acknowledgedAt).toBe(at(40));
    // The replayed original after a re-alert does not undo it.
    const realerted = reduceStationAlerts(
      acked,
      frame(ev.alertCreated(alertDto({ realertCount: 1 }), incidentDto(), unitDto()), 3),
      3,
    );
    expect(realerted.get(11)?.realertCount).toBe(1);
    expect(reduceStationAlerts(realerted, f, 3)).toBe(realerted);
  });

  it('keeps the incident on its alerts and hand-overs up to date', () => {
    const alerts = reduceStationAlerts(
      new Map(),
      frame(ev.alertCreated(alertDto(), incidentDto(), unitDto()), 1),
      3,
    );
    const handovers = reduceHandovers(new Map(), frame(ev.handoverCreated(handoverDto(), incidentDto()), 2));
    const moved = frame(
      ev.incidentUpdated(incidentDto({ version: 2, description: 'Dim iz strehe' }), ['description'], {
        description: '',
      }),
      3,
    );
    expect(reduceStationAlerts(alerts, moved, 3).get(11)?.incident?.description).toBe('Dim iz strehe');
    expect(reduceHandovers(handovers, moved).get(2)?.incident?.description).toBe('Dim iz strehe');
    const acked = reduceHandovers(
      handovers,
      frame(ev.handoverAcknowledged(handoverDto({ acknowledgedAt: at(50) })), 4),
    );
    expect(acked.get(2)).toMatchObject({ acknowledgedAt: at(50), incident: { number: '2026-000001' } });
  });
});

describe('the caller’s device location', () => {
  it('is the newest fix for the number being typed, and only for it', () => {
    const f = frame(ev.locationFixReceived(fixDto()), 1);
    expect(reduceDeviceFix(undefined, f, '+38641000000')).toMatchObject({ accuracyM: 12 });
    expect(reduceDeviceFix(null, f, '+38641999999')).toBeNull();
    const newer = fixDto({ id: 2, receivedAt: at(10) });
    expect(reduceDeviceFix(newer, f, '+38641000000')).toBe(newer);
  });

  it('combines what was loaded with what arrived live: a fix over "none", "none" over "not looked yet"', () => {
    const fix = fixDto();
    const newer = fixDto({ id: 2, receivedAt: at(10) });
    expect(newestFix(undefined, null)).toBeNull();
    expect(newestFix(null, undefined)).toBeNull();
    expect(newestFix(undefined, undefined)).toBeUndefined();
    expect(newestFix(null, fix)).toBe(fix);
    expect(newestFix(fix, undefined)).toBe(fix);
    expect(newestFix(fix, newer)).toBe(newer);
  });
});
