import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

let server: RunningServer;
let calltaker: Session;
let dispatcher: Session;
let police: Session;
let dsz: Session;

beforeAll(async () => {
  server = await startServer();
  [calltaker, dispatcher, police, dsz] = await Promise.all([
    login(server.url, 'calltaker'),
    login(server.url, 'dispatcher'),
    login(server.url, 'st-pu-lj'),
    login(server.url, 'st-dsz-lj'),
  ]);
});

afterAll(async () => {
  await server.kill();
});

describe('hand-over to a service outside the centre', () => {
  it('police 113 receives the hand-over with the incident on its socket, acknowledges, and the centre sees it', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'other',
      description: 'Vlom v trgovino',
    });
    const ps = await TestSocket.open(server.url, { cookie: police.cookie });
    await ps.subscribe(null);
    const ds = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await ds.subscribe(null);

    const res = await calltaker.send(
      'POST',
      `/api/incidents/${inc.body.id}/handovers`,
      { service: 'PU-LJ', reason: 'Kaznivo dejanje, pristojna policija' },
      { 'idempotency-key': `ho-${inc.body.id}` },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ serviceCode: 'PU-LJ', agency: 'police', acknowledgedAt: null });

    const got = await ps.event('handover.created');
    expect(got.data.incident.id).toBe(inc.body.id);
    expect(got.data.handover.reason).toBe('Kaznivo dejanje, pristojna policija');
    // The police may now read the incident; the medical dispatch may not.
    expect((await police.get(`/api/incidents/${inc.body.id}`)).status).toBe(200);
    // Not its incident: the same answer as an id that does not exist.
    expect((await dsz.get(`/api/incidents/${inc.body.id}`)).status).toBe(404);
    expect((await dsz.send('POST', `/api/handovers/${res.body.id}/ack`)).status).toBe(404);

    const ack = await police.send('POST', `/api/handovers/${res.body.id}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy).toMatch(/PU Ljubljana/);
    const seen = await ds.event('handover.acknowledged');
    expect(seen.data.handover.id).toBe(res.body.id);
    // A second acknowledgement is harmless.
    expect((await police.send('POST', `/api/handovers/${res.body.id}/ack`)).body.acknowledgedAt).toBe(
      ack.body.acknowledgedAt,
    );

    const list = await dispatcher.get(`/api/handovers?incidentId=${inc.body.id}`);
    expect(list.body).toHaveLength(1);
    const mine = await police.get('/api/handovers');
    expect(mine.body.every((h: { serviceCode: string }) => h.serviceCode === 'PU-LJ')).toBe(true);
    await ps.close();
    await ds.close();
  });

  it('refuses an unknown service or a unit station, and a missing reason', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const unknown = await calltaker.send('POST', `/api/incidents/${inc.body.id}/handovers`, {
      service: 'NASA',
      reason: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].field).toBe('body.service');
    const fireStation = await calltaker.send('POST', `/api/incidents/${inc.body.id}/handovers`, {
      service: 'GB-LJ',
      reason: 'x',
    });
    expect(fireStation.status).toBe(400);
    const noReason = await calltaker.send('POST', `/api/incidents/${inc.body.id}/handovers`, {
      service: 'PU-LJ',
    });
    expect(noReason.body.error.fields[0].field).toBe('body.reason');
  });
});

describe('after a restart', () => {
  it('a service still receives the events of an incident handed to it before the restart', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    await calltaker.send('POST', `/api/incidents/${inc.body.id}/handovers`, {
      service: 'DSZ-LJ',
      reason: 'Predaja DSZ',
    });
    const port = server.port;
    await server.kill();
    server = await startServer({ port });
    const s = await TestSocket.open(server.url, { cookie: dsz.cookie });
    await s.subscribe(null);
    await calltaker.send('POST', `/api/incidents/${inc.body.id}/notes`, { text: 'Pacient je nezavesten.' });
    const note = await s.event('incident.note_added');
    expect(note.data.note.text).toBe('Pacient je nezavesten.');
    await s.close();
  });
});
