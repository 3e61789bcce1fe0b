import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '../../lib/http/routes';
import { FIRE_IN_LJUBLJANA, login, request, type Session } from '../helpers/api';
import { rawClient, tableCounts } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';

let server: RunningServer;
let raw: pg.Client;
let calltaker: Session;
let dispatcher: Session;
let station: Session;

beforeAll(async () => {
  server = await startServer();
  raw = await rawClient();
  [calltaker, dispatcher, station] = await Promise.all([
    login(server.url, 'calltaker'),
    login(server.url, 'dispatcher'),
    login(server.url, 'station'),
  ]);
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

describe('call-taker logs an incident', () => {
  it('answers 201 with a yearly number, status new and version 1', async () => {
    const res = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'new', version: 1, type: 'fire_building', priority: 'red' });
    expect(res.body.number).toMatch(new RegExp(`^${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(res.body.location).toMatchObject({ lat: 46.0514, lon: 14.506, accuracyM: 15 });
  });

  it('records when the call started, and when the first unit was alerted', async () => {
    const started = new Date(Date.now() - 95_000).toISOString();
    const res = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      callStartedAt: started,
    });
    expect(res.body.callStartedAt).toBe(started);
    expect(res.body.firstAlertedAt).toBeNull();
    const unit = (await dispatcher.get('/api/units?near=46.0514,14.506')).body.find(
      (u: { status: string }) => u.status === 'available',
    );
    await dispatcher.send('POST', `/api/incidents/${res.body.id}/assignments`, { unitId: unit.id });
    const after = await dispatcher.get(`/api/incidents/${res.body.id}`);
    expect(Date.parse(after.body.firstAlertedAt)).toBeGreaterThanOrEqual(Date.parse(after.body.createdAt));
    const bad = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      callStartedAt: '2020-01-01T00:00:00Z',
    });
    expect(bad.body.error.fields[0].field).toBe('body.callStartedAt');
  });

  it('the same Idempotency-Key again returns the same incident and creates nothing', async () => {
    const key = `test-${Date.now()}`;
    const first = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA, {
      'idempotency-key': key,
    });
    const before = await tableCounts(raw);
    const again = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA, {
      'idempotency-key': key,
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The number drawn at the commit, in the answer and in the stored answer (not the provisional one).
    expect(first.body.number).toMatch(/^\d{4}-\d{6}$/);
    const row = await raw.query('select number from incidents where id = $1', [first.body.id]);
    expect(row.rows[0].number).toBe(first.body.number);
    expect(await tableCounts(raw)).toEqual(before);
  });

  it('concurrent retries with one key create exactly one incident', async () => {
    const key = `race-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA, { 'idempotency-key': key }),
      ),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.every((r) => r.status === 201)).toBe(true);
  });

  it('reusing a key for a different request is refused and changes nothing', async () => {
    const key = `reuse-${Date.now()}`;
    await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA, { 'idempotency-key': key });
    const before = await tableCounts(raw);
    const res = await calltaker.send(
      'POST',
      '/api/incidents',
      { ...FIRE_IN_LJUBLJANA, priority: 'green' },
      { 'idempotency-key': key },
    );
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('idempotency-key');
    expect(await tableCounts(raw)).toEqual(before);
  });
});

describe('bad input gets a 4xx naming the field and writes nothing', () => {
  const cases: [
    string,
    { raw?: string; body?: unknown; headers?: Record<string, string> },
    number,
    string,
  ][] = [
    ['malformed JSON', { raw: '{"type": "fire_building", ' }, 400, 'body'],
    ['a JSON array', { body: [1, 2] }, 400, 'body'],
    ['null', { raw: 'null' }, 400, 'body'],
    ['wrong types', { body: { ...FIRE_IN_LJUBLJANA, priority: 3 } }, 400, 'body.priority'],
    [
      'latitude 91',
      { body: { ...FIRE_IN_LJUBLJANA, location: { lat: 91, lon: 14.5 } } },
      400,
      'body.location.lat',
    ],
    [
      'longitude -181',
      { body: { ...FIRE_IN_LJUBLJANA, location: { lat: 46, lon: -181 } } },
      400,
      'body.location.lon',
    ],
    [
      'coordinates as strings',
      { body: { ...FIRE_IN_LJUBLJANA, location: { lat: '46', lon: '14' } } },
      400,
      'body.location.lat',
    ],
    ['missing location', { body: { type: 'fire_building', priority: 'red' } }, 400, 'body.location'],
    ['unknown incident type', { body: { ...FIRE_IN_LJUBLJANA, type: 'alien_landing' } }, 400, 'type'],
    [
      'a letter in the phone number',
      { body: { ...FIRE_IN_LJUBLJANA, caller: { phone: '041 abc' } } },
      400,
      'body.caller.phone',
    ],
    [
      'a 1 MB body',
      { raw: JSON.stringify({ ...FIRE_IN_LJUBLJANA, description: 'x'.repeat(1_000_000) }) },
      413,
      'body',
    ],
    [
      'a wrong content type',
      { raw: 'type=fire', headers: { 'content-type': 'text/plain' } },
      415,
      'content-type',
    ],
    [
      'a too long description',
      { body: { ...FIRE_IN_LJUBLJANA, description: 'x'.repeat(5000) } },
      400,
      'body.description',
    ],
  ];
  for (const [name, input, status, field] of cases) {
    it(name, async () => {
      const before = await tableCounts(raw);
      const res = await request(server.url, 'POST', '/api/incidents', {
        ...input,
        headers: { cookie: calltaker.cookie, ...(input.headers ?? {}) },
      });
      expect(res.status).toBe(status);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await tableCounts(raw)).toEqual(before);
    });
  }

  it('every field error is reported at once', async () => {
    const res = await calltaker.send('POST', '/api/incidents', {
      type: 5,
      priority: 'purple',
      location: { lat: 200, lon: 'x' },
    });
    expect(res.status).toBe(400);
    const fields = res.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.type', 'body.priority', 'body.location.lat', 'body.location.lon']),
    );
  });

  it('bad path ids and query parameters are 4xx too', async () => {
    expect((await dispatcher.get('/api/incidents/abc')).status).toBe(400);
    expect((await dispatcher.get('/api/incidents/99999999999')).status).toBe(400);
    expect((await dispatcher.get('/api/incidents/999999')).status).toBe(404);
    expect((await dispatcher.get('/api/units?near=91,14')).status).toBe(400);
    expect((await dispatcher.get('/api/units?near=drop%20table')).status).toBe(400);
    expect((await dispatcher.get('/api/incidents?status=bogus')).body.error.fields[0].field).toBe(
      'query.status',
    );
    expect((await dispatcher.get('/api/events?after=-1')).status).toBe(400);
    expect((await dispatcher.get('/api/no-such-endpoint')).status).toBe(404);
  });

  it('SQL in text fields is stored as text', async () => {
    const evil = "'); drop table incidents; --";
    const res = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      description: evil,
      caller: { name: evil },
    });
    expect(res.status).toBe(201);
    const back = await calltaker.get(`/api/incidents/${res.body.id}`);
    expect(back.body.description).toBe(evil);
  });
});

describe('editing with the version read', () => {
  it('a stale version gets 409 with the current incident; the right one goes through', async () => {
    const { body: inc } = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const ok = await dispatcher.send('PATCH', `/api/incidents/${inc.id}`, { version: 1, priority: 'yellow' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await calltaker.send('PATCH', `/api/incidents/${inc.id}`, {
      version: 1,
      description: 'overwrite',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.currentVersion).toBe(2);
    expect((await calltaker.get(`/api/incidents/${inc.id}`)).body.description).toBe(
      FIRE_IN_LJUBLJANA.description,
    );
  });

  it('notes are added to the incident', async () => {
    const { body: inc } = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const note = await calltaker.send('POST', `/api/incidents/${inc.id}/notes`, {
      text: 'Caller says two people inside',
    });
    expect(note.status).toBe(201);
    const back = await dispatcher.get(`/api/incidents/${inc.id}`);
    expect(back.body.notes.map((n: { text: string }) => n.text)).toEqual(['Caller says two people inside']);
  });
});

describe('units near an incident', () => {
  it('are sorted by distance computed in PostGIS', async () => {
    const res = await dispatcher.get('/api/units?near=46.0514,14.506');
    expect(res.status).toBe(200);
    const d = res.body.map((u: { distanceM: number }) => u.distanceM);
    expect(d.length).toBeGreaterThanOrEqual(40);
    expect([...d].sort((a: number, b: number) => a - b)).toEqual(d);
    // Nearest to Prešernov trg are Ljubljana's units, the farthest are in Prekmurje.
    expect(res.body[0].callsign).toMatch(/^(NMP-LJ|GB-LJ)/);
    expect(res.body[res.body.length - 1].callsign).toMatch(/^PGD-MS/);
    // Spot-check against PostGIS directly: GB-LJ-11 to Prešernov trg.
    const gb = res.body.find((u: { callsign: string }) => u.callsign === 'GB-LJ-11');
    const r = await raw.query(
      `select round(ST_Distance(position, ST_SetSRID(ST_MakePoint(14.506, 46.0514),4326)::geography))::int d from units where callsign = 'GB-LJ-11'`,
    );
    expect(gb.distanceM).toBe(r.rows[0].d);
  });

  it('a station sees only its own units', async () => {
    const res = await station.get('/api/units');
    expect(res.body.length).toBeGreaterThan(0);
    expect(new Set(res.body.map((u: { stationName: string }) => u.stationName))).toEqual(
      new Set(['Gasilska brigada Ljubljana']),
    );
  });
});

describe('the OpenAPI document', () => {
  it('is served and lists the incident endpoints', async () => {
    const res = await request(server.url, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/incidents'].post.requestBody).toBeDefined();
    expect(res.body.paths['/api/incidents/{id}/assignments'].post['x-roles']).toEqual([
      'dispatcher',
      'supervisor',
    ]);
  });

  it('describes every route of the route table with its method, and every body and query schema', async () => {
    const doc = (await request(server.url, 'GET', '/api/openapi.json')).body;
    for (const [id, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
      const op = doc.paths[spec.path]?.[spec.method.toLowerCase()];
      expect(op, `${id}: ${spec.method} ${spec.path} missing from the OpenAPI document`).toBeDefined();
      if (spec.body && !spec.raw) expect(op.requestBody, `${id}: request body schema`).toBeDefined();
      if (spec.query) expect(op.parameters?.length, `${id}: query parameters`).toBeGreaterThan(0);
    }
  });
});
