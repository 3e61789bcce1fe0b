import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMsd } from '../../lib/ecall/msd-uper';
import { login, request, type Session } from '../helpers/api';
import { count, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

let server: RunningServer;
let raw: pg.Client;
let calltaker: Session;
let dispatcher: Session;

beforeAll(async () => {
  server = await startServer();
  raw = await rawClient();
  calltaker = await login(server.url, 'calltaker');
  dispatcher = await login(server.url, 'dispatcher');
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

let seq = 0;
const BASE = Math.floor(Date.now() / 1000) - 60;
const msd = (patch: Record<string, unknown> = {}, control: Record<string, unknown> = {}) => ({
  messageIdentifier: 1,
  control: {
    automaticActivation: true,
    testCall: false,
    positionCanBeTrusted: true,
    vehicleType: 'passengerVehicleClassM1',
    ...control,
  },
  vehicleIdentificationNumber: 'WVWZZZ1JZXW000001',
  vehiclePropulsionStorageType: { gasolineTankPresent: true },
  timestamp: BASE - seq++,
  vehicleLocation: { latitude: 46.0, longitude: 14.8 },
  vehicleDirection: 90,
  numberOfPassengers: 2,
  ...patch,
});

describe('POST /api/ecall', () => {
  it('a crash opens a red traffic accident at the car, flagged, with the vehicle in a note, live on the board', async () => {
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s.subscribe(null);
    const res = await calltaker.send('POST', '/api/ecall', msd({ callbackNumber: '+38641000111' }));
    expect(res.status).toBe(201);
    expect(res.body.testCall).toBe(false);
    expect(res.body.incident).toMatchObject({
      type: 'traffic_accident',
      priority: 'red',
      channel: 'ecall',
      flagged: true,
    });
    expect(res.body.incident.location).toMatchObject({ lat: 46.0, lon: 14.8 });
    const created = await s.event('incident.created', (f) => f.data.incident.id === res.body.incidentId);
    expect(created.data.incident.flagged).toBe(true);
    const detail = await dispatcher.get(`/api/incidents/${res.body.incidentId}`);
    expect(detail.body.notes[0].text).toContain('VIN: WVWZZZ1JZXW000001');
    expect(detail.body.notes[0].text).toContain('Potnikov: 2');
    // The callback number now has a device location.
    const fixes = await calltaker.get('/api/location-fixes?phone=%2B38641000111');
    expect(fixes.body[0].source).toBe('ecall');
    await s.close();
  });

  it('a manual call is yellow; the same MSD delivered twice opens one incident', async () => {
    const one = msd({}, { automaticActivation: false });
    const a = await calltaker.send('POST', '/api/ecall', one);
    const before = await count(raw, 'incidents');
    const b = await calltaker.send('POST', '/api/ecall', one);
    expect(a.body.incident.priority).toBe('yellow');
    expect(b.status).toBe(201);
    expect(b.body.duplicate).toBe(true);
    expect(b.body.incidentId).toBe(a.body.incidentId);
    expect(await count(raw, 'incidents')).toBe(before);
  });

  it('a test call is recorded and nothing is dispatched', async () => {
    const before = await count(raw, 'incidents');
    const res = await calltaker.send('POST', '/api/ecall', msd({}, { testCall: true }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ testCall: true, incidentId: null, incident: null });
    expect(await count(raw, 'incidents')).toBe(before);
    const r = await raw.query('select test_call from ecall_messages where id = $1', [res.body.ecallId]);
    expect(r.rows[0].test_call).toBe(true);
  });

  it('accepts the position in milliarcseconds and the VIN in its ISO 3779 parts', async () => {
    const res = await calltaker.send(
      'POST',
      '/api/ecall',
      msd({
        vehicleLocation: { positionLatitude: 46.05 * 3_600_000, positionLongitude: 14.5 * 3_600_000 },
        vehicleIdentificationNumber: {
          isowmi: 'WVW',
          isovds: 'ZZZ1JZ',
          isovisModelyear: 'X',
          isovisSeqPlant: 'W000002',
        },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.incident.location.lat).toBeCloseTo(46.05, 6);
  });

  it.each([
    ['vin_unreadable', { vehicleIdentificationNumber: 'IOQ' }, true],
    ['position_unreadable', { vehicleLocation: { latitude: 95, longitude: 14 } }, false],
    ['time_future', { timestamp: 4_102_444_800 }, true],
    [
      'vehicle_class_unknown',
      {
        control: {
          automaticActivation: true,
          testCall: false,
          positionCanBeTrusted: true,
          vehicleType: 'tank',
        },
      },
      true,
    ],
  ])('stores an MSD with %s, flagged (an incident only with a position)', async (doubt, patch, opens) => {
    const res = await calltaker.send('POST', '/api/ecall', msd(patch));
    expect(res.status).toBe(201);
    expect(res.body.doubts).toContain(doubt);
    expect(res.body.incidentId !== null).toBe(opens);
    expect(res.body.needsLocation).toBe(!opens);
  });

  it.each([
    ['body.numberOfPassengers', { numberOfPassengers: -1 }],
    ['body.messageIdentifier', { messageIdentifier: '1' }],
  ])('refuses an unreadable %s and writes nothing', async (field, patch) => {
    const before = { incidents: await count(raw, 'incidents'), ecalls: await count(raw, 'ecall_messages') };
    const res = await calltaker.send('POST', '/api/ecall', msd(patch));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect({ incidents: await count(raw, 'incidents'), ecalls: await count(raw, 'ecall_messages') }).toEqual(
      before,
    );
  });

  it('a binary MSD (RFC 8147 media type) opens the incident and keeps the original bytes', async () => {
    const bytes = encodeMsd({
      id: 2,
      messageIdentifier: 9,
      control: {
        automaticActivation: true,
        testCall: false,
        positionCanBeTrusted: true,
        vehicleType: 'busesAndCoachesClassM3',
      },
      vehicleIdentificationNumber: 'WVWZZZ1JZXW000009',
      vehiclePropulsionStorageType: { dieselTankPresent: true },
      timestamp: BASE - 500,
      vehicleLocation: {
        positionLatitude: Math.round(46.1 * 3_600_000),
        positionLongitude: Math.round(14.6 * 3_600_000),
      },
      vehicleDirection: 45,
      numberOfPassengers: 31,
    });
    const res = await request(server.url, 'POST', '/api/ecall?callback=%2B38641000999', {
      raw: bytes,
      headers: { cookie: calltaker.cookie, 'content-type': 'application/emergencyCallData.eCall.MSD' },
    });
    expect(res.status).toBe(201);
    expect(res.body.incident.location.lat).toBeCloseTo(46.1, 6);
    expect(res.body.incident.description).toContain('avtobus (M3)');
    const row = await raw.query('select raw, encoding, msd_version from ecall_messages where id = $1', [
      res.body.ecallId,
    ]);
    expect(row.rows[0]).toEqual({
      raw: Buffer.from(bytes).toString('hex'),
      encoding: 'uper',
      msd_version: 2,
    });
    const garbage = await request(server.url, 'POST', '/api/ecall', {
      raw: Buffer.from('not an msd at all, just text'),
      headers: { cookie: calltaker.cookie, 'content-type': 'application/octet-stream' },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.fields[0].field).toBe('body');
  });

  it('an MSD without a position waits for the location; the call-taker links the incident they open', async () => {
    const res = await calltaker.send(
      'POST',
      '/api/ecall',
      msd({
        vehicleLocation: { positionLatitude: 2147483647, positionLongitude: 2147483647 },
        callbackNumber: '+38641000222',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ incidentId: null, needsLocation: true });
    expect(res.body.doubts).toContain('position_unavailable');
    const waiting = await calltaker.send('GET', '/api/ecall');
    const item = waiting.body.find((e: { id: number }) => e.id === res.body.ecallId);
    expect(item).toMatchObject({ position: null, callbackNumber: '+38641000222', vin: 'WVWZZZ1JZXW000001' });
    const inc = await calltaker.send(
      'POST',
      '/api/incidents',
      {
        type: 'traffic_accident',
        priority: 'red',
        channel: 'ecall',
        description: item.summary,
        location: { lat: 46.2, lon: 14.9, address: 'AC A1, km 45' },
        caller: { phone: '+38641000222', name: '' },
      },
      { 'idempotency-key': `ecall-${res.body.ecallId}` },
    );
    expect(inc.status).toBe(201);
    const linked = await calltaker.send(
      'POST',
      `/api/ecall/${res.body.ecallId}/incident`,
      { incidentId: inc.body.id },
      { 'idempotency-key': `link-${res.body.ecallId}` },
    );
    expect(linked.status).toBe(200);
    expect(linked.body.incidentId).toBe(inc.body.id);
    const notes = await raw.query('select text from incident_notes where incident_id = $1', [inc.body.id]);
    expect(notes.rows.some((n: { text: string }) => n.text.includes('VIN: WVWZZZ1JZXW000001'))).toBe(true);
    expect(
      (await calltaker.send('GET', '/api/ecall')).body.some((e: { id: number }) => e.id === res.body.ecallId),
    ).toBe(false);
  });

  it('a call-taker confirms the flagged incident', async () => {
    const res = await calltaker.send('POST', '/api/ecall', msd());
    const inc = res.body.incident;
    const ok = await calltaker.send('PATCH', `/api/incidents/${inc.id}`, {
      version: inc.version,
      flagged: false,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.flagged).toBe(false);
  });
});
