import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { availableUnit, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';

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

describe('the unit lifecycle on incidents', () => {
  it('a unit on one incident is refused elsewhere, unless reassigned; reassignment releases it first', async () => {
    const a = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const b = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      priority: 'red',
      description: 'more urgent',
    });
    const unitId = await availableUnit(raw, 'NMP-LJ-');
    expect(
      (await dispatcher.send('POST', `/api/incidents/${a.body.id}/assignments`, { unitId })).status,
    ).toBe(201);
    const refused = await dispatcher.send('POST', `/api/incidents/${b.body.id}/assignments`, { unitId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields[0].message).toMatch(/reassign: true/);
    const moved = await dispatcher.send('POST', `/api/incidents/${b.body.id}/assignments`, {
      unitId,
      reassign: true,
    });
    expect(moved.status).toBe(201);
    const rows = (
      await raw.query(
        'select incident_id, status, released_at from assignments where unit_id = $1 order by id',
        [unitId],
      )
    ).rows;
    const onA = rows.filter((r) => r.incident_id === a.body.id);
    const onB = rows.filter((r) => r.incident_id === b.body.id);
    expect(onA.at(-1)?.status).toBe('released');
    expect(onB.at(-1)?.released_at).toBeNull();
    await dispatcher.send('POST', `/api/units/${unitId}/status`, { status: 'available' });
  });

  it('closing with units assigned needs a reason; with one, the units are released and the reason noted', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const unitId = await availableUnit(raw, 'GB-LJ-');
    await dispatcher.send('POST', `/api/incidents/${inc.body.id}/assignments`, { unitId });
    const current = (await dispatcher.get(`/api/incidents/${inc.body.id}`)).body;
    const refused = await dispatcher.send('PATCH', `/api/incidents/${inc.body.id}`, {
      version: current.version,
      status: 'closed',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toContain('closeReason');
    const closed = await dispatcher.send('PATCH', `/api/incidents/${inc.body.id}`, {
      version: current.version,
      status: 'closed',
      closeReason: 'Lažni alarm, potrjeno po telefonu',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const unit = (await raw.query('select status from units where id = $1', [unitId])).rows[0];
    expect(unit.status).toBe('available');
    const detail = await dispatcher.get(`/api/incidents/${inc.body.id}`);
    expect(detail.body.notes.map((n: { text: string; kind: string }) => [n.kind, n.text])).toContainEqual([
      'closed',
      'Lažni alarm, potrjeno po telefonu',
    ]);
  });

  it('an invalid unit transition gets 409 with the reason', async () => {
    const unitId = await availableUnit(raw, 'GB-LJ-');
    const res = await dispatcher.send('POST', `/api/units/${unitId}/status`, { status: 'on_scene' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/available cannot become on_scene/);
  });
});
