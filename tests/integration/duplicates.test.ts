import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

let server: RunningServer;
let calltaker: Session;
let dispatcher: Session;

beforeAll(async () => {
  server = await startServer({ env: { DUPLICATE_RADIUS_M: '400', DUPLICATE_WINDOW_MIN: '60' } });
  calltaker = await login(server.url, 'calltaker');
  dispatcher = await login(server.url, 'dispatcher');
});

afterAll(async () => {
  await server.kill();
});

// A remote spot no other test uses, in the Kočevski Rog forest, moved a little on every run so that a
// re-run on the same database does not meet the previous run's incidents.
const ROG = { lat: 45.6 + Math.random() * 0.1, lon: 14.9 + Math.random() * 0.2 };

describe('possible duplicates', () => {
  it('lists open incidents within the radius, nearest first, and not those farther away or closed', async () => {
    const near = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'fire_forest',
      location: { lat: ROG.lat + 0.001, lon: ROG.lon, address: 'Kočevski Rog' },
    });
    const nearer = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'fire_forest',
      location: { lat: ROG.lat + 0.0002, lon: ROG.lon, address: 'Kočevski Rog, gozdna cesta' },
    });
    const far = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      location: { lat: ROG.lat + 0.01, lon: ROG.lon },
    });
    const closed = await calltaker.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, location: ROG });
    await dispatcher.send('PATCH', `/api/incidents/${closed.body.id}`, { version: 1, status: 'cancelled' });

    const res = await calltaker.get(`/api/incidents/nearby?lat=${ROG.lat}&lon=${ROG.lon}`);
    expect(res.status).toBe(200);
    const ids = res.body.map((i: { id: number }) => i.id);
    expect(ids).toEqual([nearer.body.id, near.body.id]);
    expect(ids).not.toContain(far.body.id);
    expect(ids).not.toContain(closed.body.id);
    expect(res.body[0].distanceM).toBeLessThan(30);
    expect(res.body[1].distanceM).toBeGreaterThan(100);
    // A wider radius finds the farther one too.
    const wide = await calltaker.get(`/api/incidents/nearby?lat=${ROG.lat}&lon=${ROG.lon}&radiusM=2000`);
    expect(wide.body.map((i: { id: number }) => i.id)).toContain(far.body.id);
  });

  it('a second caller is attached to the incident, with its event, instead of a new incident', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      location: { lat: 45.7, lon: 15.1 },
    });
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s.subscribe(null);
    const res = await calltaker.send(
      'POST',
      `/api/incidents/${inc.body.id}/callers`,
      { phone: '+38640222333', name: 'Mojca Zupan', note: 'Vidi plamene z ceste.' },
      { 'idempotency-key': `caller-${inc.body.id}` },
    );
    expect(res.status).toBe(201);
    const ev = await s.event('incident.caller_added');
    expect(ev.data.caller).toMatchObject({ incidentId: inc.body.id, name: 'Mojca Zupan' });
    const detail = await dispatcher.get(`/api/incidents/${inc.body.id}`);
    expect(detail.body.callers).toHaveLength(1);
    expect(detail.body.callers[0].note).toBe('Vidi plamene z ceste.');
    await s.close();
  });

  it('bad coordinates and unknown incidents are 4xx', async () => {
    expect((await calltaker.get('/api/incidents/nearby?lat=91&lon=14')).status).toBe(400);
    expect((await calltaker.get('/api/incidents/nearby?lat=abc&lon=14')).body.error.fields[0].field).toBe(
      'query.lat',
    );
    expect((await calltaker.send('POST', '/api/incidents/999999/callers', { name: 'x' })).status).toBe(404);
    expect((await calltaker.send('POST', '/api/incidents/1/callers', { phone: 'call me' })).status).toBe(400);
  });
});
