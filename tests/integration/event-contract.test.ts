import { eq } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { users } from '../../db/schema';
import type { Principal } from '../../lib/auth/principal';
import { listEvents } from '../../lib/events/list-events';
import { addIncidentNote } from '../../lib/incidents/add-incident-note';
import { createIncident } from '../../lib/incidents/create-incident';
import { stateAt } from '../../lib/replay/fold-replay';
import { loadIncidentReplay } from '../../lib/replay/load-replay';
import { saveUnit } from '../../lib/units/save-unit';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { openTestDb, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

// The event contract end to end: what the real producers write is what the replay, the log's readers
// and the realtime hub read — including events written before the payloads changed (protocol 1).

let handle: DbHandle;
let raw: pg.Client;
/** A unit of this file's own at GB Ljubljana (the station account's), free whatever other files did. */
let unitId: number;

async function principal(username: string): Promise<Principal> {
  const [u] = await handle.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`seed missing ${username}`);
  return {
    kind: 'user',
    id: u.id,
    userId: u.id,
    name: u.username,
    displayName: u.displayName,
    role: u.role,
    stationId: u.stationId,
    centreId: null,
  };
}

beforeAll(async () => {
  handle = await openTestDb();
  raw = await rawClient();
  const gb = (await raw.query(`select id from stations where code = 'GB-LJ'`)).rows[0].id as number;
  const unit = await saveUnit(handle.db, await principal('supervisor'), null, {
    callsign: `GB-LJ-EC${Date.now().toString(36).toUpperCase()}`,
    type: 'GVC 16/25',
    capabilities: ['fire', 'water'],
    stationId: gb,
  });
  unitId = unit.id;
});
afterAll(async () => {
  await raw.end();
  await handle.close();
});

describe('the replay reads what the producers wrote', () => {
  it('a replayed note shows its author’s name, not a login or "system"', async () => {
    const calltaker = await principal('calltaker');
    const dispatcher = await principal('dispatcher');
    const inc = await createIncident(
      handle.db,
      calltaker,
      { ...FIRE_IN_LJUBLJANA, priority: 'red' } as never,
      {
        notes: ['Klicatelj je v pritličju'],
      },
    );
    await addIncidentNote(handle.db, dispatcher, inc.id, 'Dim iz kleti');
    const replay = await loadIncidentReplay(handle.db, inc.id);
    const end = stateAt(replay.events, replay.initial, Date.parse(replay.to));
    expect(end.notes.map((n) => `${n.author}: ${n.text}`)).toEqual([
      `${calltaker.displayName}: Klicatelj je v pritličju`,
      `${dispatcher.displayName}: Dim iz kleti`,
    ]);
    expect(dispatcher.displayName).not.toBe(dispatcher.name);
  });
});

describe('events written before protocol 2', () => {
  it('are read in the current shapes, by the log’s readers and the statistics alike', async () => {
    const dispatcher = await principal('dispatcher');
    const inc = await createIncident(handle.db, await principal('calltaker'), FIRE_IN_LJUBLJANA as never);
    const unit = (await raw.query('select callsign, station_id from units where id = $1', [unitId])).rows[0];
    const seqBefore = (await raw.query('select max(seq)::int m from events')).rows[0].m as number;
    // As protocol 1 wrote them: the alert's fields flat, the assignment's status alone.
    const insert = (type: string, payload: object) =>
      raw.query(
        `insert into events (type, incident_id, unit_id, station_id, actor, payload) values ($1, $2, $3, $4, 'v1', $5)`,
        [type, inc.id, unitId, unit.station_id, payload],
      );
    await insert('alert.created', {
      alertId: 9_000_001,
      incidentId: inc.id,
      unitId,
      stationId: unit.station_id,
      assignmentId: 9_000_002,
      sentAt: new Date().toISOString(),
      incident: inc,
      unit: { id: unitId, callsign: unit.callsign, type: 'GVC 16/25', stationId: unit.station_id },
      realert: 2,
    });
    await insert('assignment.updated', {
      assignmentId: 9_000_002,
      incidentId: inc.id,
      unitId,
      status: 'on_scene',
    });
    const { events } = await listEvents(handle.db, dispatcher, { after: seqBefore, limit: 10 });
    const alert = events.find((e) => e.type === 'alert.created');
    const moved = events.find((e) => e.type === 'assignment.updated');
    expect(alert?.type === 'alert.created' && alert.data.alert).toMatchObject({
      id: 9_000_001,
      assignmentId: 9_000_002,
      stationId: unit.station_id,
      callsign: unit.callsign,
      realertCount: 2,
    });
    expect(moved?.type === 'assignment.updated' && moved.data).toMatchObject({
      assignment: { id: 9_000_002, status: 'on_scene', stationId: unit.station_id },
      from: null,
    });
  });
});

describe('the realtime hub', () => {
  let server: RunningServer;
  let sup: Session;
  beforeAll(async () => {
    server = await startServer();
    sup = await login(server.url, 'supervisor');
  });
  afterAll(async () => {
    await server.kill();
  });
  const heldScopes = async () => (await sup.get('/api/metrics')).body.realtime.openIncidentScopes as number;

  it('holds the scope of open incidents only, and still serves a closed one’s events to its station', async () => {
    const [calltaker, dispatcher, station] = await Promise.all([
      login(server.url, 'calltaker'),
      login(server.url, 'dispatcher'),
      login(server.url, 'station'),
    ]);
    const st = await TestSocket.open(server.url, { cookie: station.cookie });
    await st.subscribe(null);
    const before = await heldScopes();
    const inc = (await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).body;
    const a = await dispatcher.send('POST', `/api/incidents/${inc.id}/assignments`, { unitId });
    expect(a.status).toBe(201);
    await st.event('alert.created', (f) => f.data.alert.id === a.body.alertId);
    await expect.poll(heldScopes).toBe(before + 1);
    const current = (await dispatcher.get(`/api/incidents/${inc.id}`)).body;
    const closed = await dispatcher.send('PATCH', `/api/incidents/${inc.id}`, {
      version: current.version,
      status: 'closed',
      closeReason: 'Požar pogašen',
    });
    expect(closed.status).toBe(200);
    // The closing reached the station (its unit was released), and the hub let go of the incident.
    await st.event(
      'incident.updated',
      (f) => f.data.incident.id === inc.id && f.data.incident.status === 'closed',
    );
    await expect.poll(heldScopes).toBe(before);
    // A later note on the closed incident is looked up in the view: the station still gets it.
    await dispatcher.send('POST', `/api/incidents/${inc.id}/notes`, { text: 'Poročilo oddano' });
    const note = await st.event('incident.note_added', (f) => f.data.note.incidentId === inc.id);
    expect(note.data.note.author).toBe('Marko Horvat');
    await st.close();
  });
});
