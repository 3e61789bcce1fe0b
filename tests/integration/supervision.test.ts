import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDto } from '../../lib/incidents/incident-dto';
import { alertDto, assignmentDto, incidentDto, unitDto } from '../fixtures/events';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { availableUnit, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';

// Supervision: response-time statistics from the event log (on fixed data with known answers), the
// audit trail with its filters, and replay of an incident from the log.

let server: RunningServer;
let raw: pg.Client;
let sup: Session;
const tag = Date.now().toString(36);

// A day in the past no other test writes to (one of ~7,000, different on each run).
const day = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 7000) * 86_400_000)
  .toISOString()
  .slice(0, 10);
const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const at = (h: number, s = 0) =>
  new Date(Date.parse(`${day}T${String(h).padStart(2, '0')}:00:00Z`) + s * 1000);

beforeAll(async () => {
  server = await startServer();
  raw = await rawClient();
  sup = await login(server.url, 'supervisor');
  await seedFixture();
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

async function station(code: string): Promise<number> {
  return (await raw.query('select id from stations where code = $1', [code])).rows[0].id;
}

async function unitOf(prefix: string, n: number): Promise<number> {
  return (
    await raw.query('select id from units where callsign like $1 order by id limit 1 offset $2', [
      `${prefix}%`,
      n,
    ])
  ).rows[0].id;
}

/** Incidents created through the log's own event shapes, at times chosen so the answers are known. */
async function seedFixture() {
  const fire = await station('GB-LJ');
  const ems = await station('NMP-LJ');
  const [f1, f2, e1, e2] = [
    await unitOf('GB-LJ-', 0),
    await unitOf('GB-LJ-', 1),
    await unitOf('NMP-LJ-', 0),
    await unitOf('NMP-LJ-', 1),
  ];
  const ev = (
    type: string,
    when: Date,
    incidentId: number,
    payload: object,
    unitId: number | null = null,
    stationId: number | null = null,
  ) =>
    raw.query(
      `insert into events (type, at, incident_id, unit_id, station_id, actor, payload) values ($1, $2, $3, $4, $5, 'fixture', $6)`,
      [type, when, incidentId, unitId, stationId, payload],
    );
  const incident = async (
    n: number,
    when: Date,
    priority: string,
    type: string,
    lat: number,
    lon: number,
    callS: number | null,
  ) => {
    const r = await raw.query(
      `insert into incidents (number, type, priority, status, position, created_at, call_started_at)
       values ($1, $2, $3, 'closed', ST_SetSRID(ST_MakePoint($5, $4), 4326)::geography, $6, $7) returning id, number`,
      [
        // The real format (year-serial), in the fixture's own year and a serial no real incident has.
        `${when.getUTCFullYear()}-9${String((Date.now() % 10_000) * 10 + n)
          .padStart(5, '0')
          .slice(-5)}`,
        type,
        priority,
        lat,
        lon,
        when,
        callS === null ? null : new Date(when.getTime() - callS * 1000),
      ],
    );
    const id: number = r.rows[0].id;
    // The whole incident, as the application writes it (the statistics read a few fields of it).
    await ev('incident.created', when, id, {
      incident: incidentDto({
        id,
        number: r.rows[0].number,
        priority: priority as IncidentDto['priority'],
        type,
        status: 'new',
        location: { lat, lon, d96: { e: 0, n: 0 }, accuracyM: null, address: '' },
        createdAt: when.toISOString(),
        updatedAt: when.toISOString(),
        callStartedAt: callS === null ? null : new Date(when.getTime() - callS * 1000).toISOString(),
      }),
    });
    return id;
  };
  const unitRun = async (
    incidentId: number,
    created: Date,
    unitId: number,
    stationId: number,
    alertS: number,
    ackS: number,
    sceneS: number | null,
    protocol: 1 | 2 = 2,
  ) => {
    const alerted = new Date(created.getTime() + alertS * 1000);
    const acked = new Date(alerted.getTime() + ackS * 1000);
    // Payloads shaped like the real ones where the statistics read them (a station reading the log
    // recognises its own events); protocol 1 is the shape events had before alert.created carried the
    // alert and assignment.updated the assignment: the log keeps both, the statistics read both.
    await ev(
      'alert.created',
      alerted,
      incidentId,
      protocol === 1
        ? { alertId: 0, incidentId, unitId, stationId }
        : {
            alert: alertDto({ id: 0, incidentId, unitId, stationId, sentAt: alerted.toISOString() }),
            incident: incidentDto({ id: incidentId, status: 'dispatched' }),
            unit: unitDto({ id: unitId, stationId, status: 'alerted', incidentId }),
          },
      unitId,
      stationId,
    );
    await ev(
      'alert.acknowledged',
      acked,
      incidentId,
      {
        alert: alertDto({
          id: 0,
          incidentId,
          unitId,
          stationId,
          sentAt: alerted.toISOString(),
          acknowledgedAt: acked.toISOString(),
        }),
      },
      unitId,
      stationId,
    );
    if (sceneS !== null)
      await ev(
        'assignment.updated',
        new Date(acked.getTime() + sceneS * 1000),
        incidentId,
        protocol === 1
          ? { assignmentId: 0, incidentId, unitId, stationId, status: 'on_scene' }
          : {
              assignment: assignmentDto({ id: 0, incidentId, unitId, stationId, status: 'on_scene' }),
              from: 'en_route',
            },
        unitId,
        stationId,
      );
  };
  // I1: fire, red then changed to yellow; call 30 s; F1 alerted +60, ack +20, on scene +300.
  const i1 = await incident(1, at(9), 'red', 'fire_building', 46.05, 14.5, 30);
  await unitRun(i1, at(9), f1, fire, 60, 20, 300);
  await ev('incident.updated', at(9, 900), i1, {
    incident: incidentDto({ id: i1, priority: 'yellow', type: 'fire_building', version: 2 }),
    changes: ['priority'],
  });
  // I2: red; call 50 s; F2 +120/40/400, E1 +30/10/200.
  const i2 = await incident(2, at(13), 'red', 'fire_building', 46.05, 14.5, 50);
  await unitRun(i2, at(13), f2, fire, 120, 40, 400);
  await unitRun(i2, at(13), e1, ems, 30, 10, 200, 1);
  // I3: yellow traffic; call 70 s; E2 +90/60, never on scene.
  const i3 = await incident(3, at(17), 'yellow', 'traffic_accident', 46.55, 15.64, 70);
  await unitRun(i3, at(17), e2, ems, 90, 60, null);
  // I4: green, opened by a machine (no call), no units.
  await incident(4, at(20), 'green', 'traffic_accident', 45.55, 13.73, null);
  // I5: the next day, outside the period.
  await incident(5, new Date(Date.parse(`${nextDay}T10:00:00Z`)), 'red', 'fire_building', 46.05, 14.5, 5);
}

function figures(body: {
  responseTimes: { metric: string; count: number; medianS: number | null; p90S: number | null }[];
}) {
  return Object.fromEntries(body.responseTimes.map((m) => [m.metric, [m.count, m.medianS, m.p90S]]));
}

describe('response-time statistics (known answers)', () => {
  it('all agencies and priorities: count, median and 90th percentile of each interval', async () => {
    const res = await sup.get(`/api/stats/summary?from=${day}&to=${day}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // percentile_cont: p90 of [30, 50, 70] lies 0.8 of the way from 50 to 70 = 66.
    expect(figures(res.body)).toEqual({
      call_to_created: [3, 50, 66],
      created_to_alerted: [3, 60, 84],
      alerted_to_ack: [4, 30, 54],
      ack_to_on_scene: [3, 300, 380],
    });
    expect(res.body.incidents).toBe(4);
    expect(res.body.perPriority).toEqual([
      { priority: 'red', count: 1 },
      { priority: 'yellow', count: 2 },
      { priority: 'green', count: 1 },
    ]);
    expect(res.body.perType).toEqual([
      { type: 'fire_building', count: 2 },
      { type: 'traffic_accident', count: 2 },
    ]);
    const local = (d: Date) =>
      Number(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Ljubljana',
          hour: '2-digit',
          hourCycle: 'h23',
        }).format(d),
      );
    const hours = res.body.perHour
      .filter((h: { count: number }) => h.count > 0)
      .map((h: { hour: number }) => h.hour);
    expect(hours).toEqual([at(9), at(13), at(17), at(20)].map(local));
    expect(res.body.perDay).toEqual([{ date: day, count: 4 }]);
  });

  it('one agency: only its units’ intervals and the incidents it went to', async () => {
    const res = await sup.get(`/api/stats/summary?from=${day}&to=${day}&agency=fire`);
    expect(figures(res.body)).toEqual({
      call_to_created: [2, 40, 48],
      created_to_alerted: [2, 90, 114],
      alerted_to_ack: [2, 30, 38],
      ack_to_on_scene: [2, 350, 390],
    });
    expect(res.body.incidents).toBe(2);
  });

  it('one priority: the latest priority in the log counts (I1 was downgraded)', async () => {
    const res = await sup.get(`/api/stats/summary?from=${day}&to=${day}&priority=red`);
    expect(figures(res.body)).toEqual({
      call_to_created: [1, 50, 50],
      created_to_alerted: [1, 30, 30],
      alerted_to_ack: [2, 25, 37],
      ack_to_on_scene: [2, 300, 380],
    });
  });

  it('the period covers whole days in Ljubljana; the next day has its own incident', async () => {
    const res = await sup.get(`/api/stats/summary?from=${day}&to=${nextDay}`);
    expect(res.body.incidents).toBe(5);
    expect(res.body.perDay).toEqual([
      { date: day, count: 4 },
      { date: nextDay, count: 1 },
    ]);
  });

  it('CSV export carries the same figures', async () => {
    const res = await fetch(`${server.url}/api/stats/summary?from=${day}&to=${day}&format=csv`, {
      headers: { cookie: sup.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`cad112-stats-${day}-${day}.csv`);
    const csv = await res.text();
    expect(csv).toContain('metric,count,median_s,p90_s,mean_s,max_s\r\n');
    expect(csv).toContain('alerted_to_ack,4,30,54,32.5,60\r\n');
    expect(csv).toContain(`${day},4\r\n`);
  });

  it('the heat map counts incidents per grid cell', async () => {
    const res = await sup.get(`/api/stats/heat?from=${day}&to=${day}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 4, max: 2 });
    expect(res.body.cells).toHaveLength(3);
    const [lat, lon, n] = res.body.cells.find((c: number[]) => c[2] === 2);
    expect([lat, lon, n]).toEqual([46.05, 14.5, 2]);
  });

  it('refuses a bad period, naming the field', async () => {
    const cases: [string, string][] = [
      [`from=${nextDay}&to=${day}`, 'query.from'],
      ['from=2020-01-01&to=2022-01-01', 'query.to'],
      ['from=2020-02-30', 'query.from'],
      ['priority=purple', 'query.priority'],
      ['agency=%27%3B', 'query.agency'],
    ];
    for (const [q, field] of cases) {
      const res = await sup.get(`/api/stats/summary?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.fields[0].field, q).toBe(field);
    }
  });
});

describe('audit trail and replay', () => {
  let incidentId: number;
  let number: string;
  let unitId: number;
  let callsign: string;

  beforeAll(async () => {
    const ct = await login(server.url, 'calltaker');
    const disp = await login(server.url, 'dispatcher');
    const st = await login(server.url, 'station');
    const inc = await ct.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      description: `audit ${tag}`,
    });
    incidentId = inc.body.id;
    number = inc.body.number;
    unitId = await availableUnit(raw, 'GB-LJ-');
    callsign = (await raw.query('select callsign from units where id = $1', [unitId])).rows[0].callsign;
    const a = await disp.send('POST', `/api/incidents/${incidentId}/assignments`, { unitId });
    await st.send('POST', `/api/alerts/${a.body.alertId}/ack`);
    await st.send('POST', `/api/units/${unitId}/status`, { status: 'en_route' });
    await st.send('POST', `/api/units/${unitId}/position`, { lat: 46.052, lon: 14.51 });
    await st.send('POST', `/api/units/${unitId}/position`, { lat: 46.0515, lon: 14.507 });
    await st.send('POST', `/api/units/${unitId}/status`, { status: 'on_scene' });
    await disp.send('POST', `/api/incidents/${incidentId}/notes`, { text: `roof collapsed ${tag}` });
  });

  it('filters by incident number, user, unit callsign and event family, newest first', async () => {
    const all = await sup.get(`/api/audit?incident=${number}&limit=1000`);
    expect(all.status).toBe(200);
    const types = all.body.entries.map((e: { type: string }) => e.type);
    expect(types[types.length - 1]).toBe('incident.created');
    expect(types).toEqual(
      expect.arrayContaining(['assignment.created', 'alert.acknowledged', 'incident.note_added']),
    );
    const seqs = all.body.entries.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const byDispatcher = await sup.get(`/api/audit?incident=${number}&user=dispatcher`);
    expect(new Set(byDispatcher.body.entries.map((e: { actor: string }) => e.actor))).toEqual(
      new Set(['dispatcher']),
    );
    expect(byDispatcher.body.entries.map((e: { type: string }) => e.type)).toContain('incident.note_added');
    const byUnit = await sup.get(`/api/audit?unit=${callsign.toLowerCase()}&type=unit.&limit=1000`);
    expect(byUnit.body.entries.length).toBeGreaterThanOrEqual(4);
    for (const e of byUnit.body.entries) {
      expect(e.unitCallsign).toBe(callsign);
      expect(e.type.startsWith('unit.')).toBe(true);
    }
    const created = all.body.entries[all.body.entries.length - 1];
    expect(created).toMatchObject({ actor: 'calltaker', incidentNumber: number });
  });

  it('pages by seq and filters by time; CSV for the record', async () => {
    const page1 = await sup.get(`/api/audit?incident=${incidentId}&limit=3`);
    expect(page1.body.entries).toHaveLength(3);
    const page2 = await sup.get(`/api/audit?incident=${incidentId}&limit=3&before=${page1.body.nextBefore}`);
    expect(page2.body.entries[0].seq).toBeLessThan(page1.body.entries[2].seq);
    const past = await sup.get(`/api/audit?incident=${incidentId}&to=2001-01-01`);
    expect(past.body.entries).toEqual([]);
    const csv = await fetch(`${server.url}/api/audit?incident=${number}&format=csv`, {
      headers: { cookie: sup.cookie },
    });
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('seq,at,type,actor,incident,unit,station_id,data');
    expect(text).toContain(`,incident.created,calltaker,${number},`);
    expect((await sup.get('/api/audit?incident=12-34')).body.error.fields[0].field).toBe('query.incident');
    expect((await sup.get('/api/audit?from=yesterday')).body.error.fields[0].field).toBe('query.from');
  });

  it('replays an incident: its events in order, with the unit’s moves between', async () => {
    const disp = await login(server.url, 'dispatcher');
    const res = await disp.get(`/api/incidents/${incidentId}/replay`);
    expect(res.status).toBe(200);
    const types = res.body.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('incident.created');
    const moves = res.body.events.filter((e: { type: string }) => e.type === 'unit.position_changed');
    expect(
      moves.map((m: { data: { unit: { position: { lat: number } } } }) => m.data.unit.position.lat),
    ).toEqual([46.052, 46.0515]);
    expect(types.indexOf('alert.created')).toBeLessThan(types.indexOf('unit.position_changed'));
    expect(types).toContain('incident.note_added');
    expect(Date.parse(res.body.to)).toBeGreaterThanOrEqual(Date.parse(res.body.from));
    expect((await disp.get('/api/incidents/2147483647/replay')).status).toBe(404);
  });

  it('replays a time window with the state at its start', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date().toISOString();
    const res = await sup.get(`/api/replay?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(res.status).toBe(200);
    expect(res.body.events.some((e: { incidentId: number }) => e.incidentId === incidentId)).toBe(true);
    const long = await sup.get(`/api/replay?from=2020-01-01T00:00:00Z&to=2020-01-03T00:00:00Z`);
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0].field).toBe('query.to');
  });
});
