import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { freeUnits, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

let server: RunningServer;
let raw: pg.Client;
let calltaker: Session;
let dispatcher: Session;
let station: Session;

beforeAll(async () => {
  server = await startServer({ env: { UNIT_POSITION_STALE_MIN: '30' } });
  raw = await rawClient();
  [calltaker, dispatcher, station] = await Promise.all([
    login(server.url, 'calltaker'),
    login(server.url, 'dispatcher'),
    login(server.url, 'station'),
  ]);
  // The rankings below count on the seeded fire units of Ljubljana and Maribor being free.
  await freeUnits(raw, dispatcher, ['GB-LJ-', 'GB-MB-']);
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

const unitId = async (callsign: string) =>
  (await raw.query('select id from units where callsign = $1', [callsign])).rows[0].id as number;

describe('unit recommendations', () => {
  it('type fitness beats distance: a fire in Maribor gets fire engines, not the nearer ambulance', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      location: { lat: 46.5561, lon: 15.6405, address: 'Maribor' },
    });
    const res = await dispatcher.get(`/api/incidents/${inc.body.id}/recommendations`);
    expect(res.status).toBe(200);
    expect(res.body.needs).toEqual([
      { capability: 'fire', count: 2 },
      { capability: 'aerial', count: 1 },
    ]);
    const fire = res.body.recommended.filter((r: { fulfils: string }) => r.fulfils === 'fire');
    expect(fire).toHaveLength(2);
    for (const r of fire) expect(r.capabilities).toContain('fire');
    // Maribor's brigade first for each need (which of its units are free depends on earlier tests).
    const local = res.body.recommended.filter((r: { callsign: string }) => r.callsign.startsWith('GB-MB-'));
    expect(local.length).toBeGreaterThan(0);
    for (const r of local) {
      expect(r.inServiceArea).toBe(true);
      expect(r.reason.en).toMatch(
        /^(\d+\w\w )?nearest unit \((firefighting|aerial ladder)\), in service area, \d/,
      );
    }
    // The nearest unit of all is an ambulance (NMP-MB), which fits no need here.
    expect(res.body.others[0].callsign).toMatch(/^NMP-MB-/);
    expect(res.body.others[0].distanceM).toBeLessThan(local[0].distanceM);
  });

  it('a unit with two capabilities goes to the scarcer need: the Ljubljana ladder is the ladder, not an engine', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const res = await dispatcher.get(`/api/incidents/${inc.body.id}/recommendations`);
    const aerial = res.body.recommended.filter((r: { fulfils: string }) => r.fulfils === 'aerial');
    const fire = res.body.recommended.filter((r: { fulfils: string }) => r.fulfils === 'fire');
    expect(aerial.map((r: { callsign: string }) => r.callsign)).toEqual(['GB-LJ-21']);
    expect(aerial[0].distanceM).toBeLessThan(5000);
    expect(fire).toHaveLength(2);
    for (const r of fire) expect(r.callsign).not.toBe('GB-LJ-21');
    // Listed in the order of the needs, whatever order they were filled in.
    expect(res.body.recommended[0].fulfils).toBe('fire');
  });

  it('triage answers add needs: a medical call without breathing wants a physician', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'medical',
      triage: { answers: { breathing: 'no' } },
    });
    const res = await dispatcher.get(`/api/incidents/${inc.body.id}/recommendations`);
    const physician = res.body.recommended.find((r: { fulfils: string }) => r.fulfils === 'physician');
    expect(physician.type).toBe('reanimobil');
  });

  it('states shortfalls: no cave rescue unit exists in the demo', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, type: 'cave_rescue' });
    const res = await dispatcher.get(`/api/incidents/${inc.body.id}/recommendations`);
    expect(res.body.shortfalls.map((s: { en: string }) => s.en)).toContain(
      'no available unit for cave rescue',
    );
  });

  it('a stale position is not trusted: measured from the station, ranked after fresh ones, and said', async () => {
    // Kranjska Gora's two mountain rescue teams. GRS-KG-2's last report puts it right at the incident,
    // but it is two hours old; GRS-KG-1 reports a fresh position a few kilometres away.
    const fresh = await unitId('GRS-KG-1');
    const stale = await unitId('GRS-KG-2');
    await raw.query(`update units set status = 'available' where id in ($1, $2)`, [fresh, stale]);
    await raw.query(
      `update units set position = ST_SetSRID(ST_MakePoint(13.7745, 46.4445), 4326)::geography, position_at = now() - interval '2 hours' where id = $1`,
      [stale],
    );
    const grs = await login(server.url, 'st-grs-kg');
    expect((await grs.send('POST', `/api/units/${fresh}/position`, { lat: 46.47, lon: 13.77 })).status).toBe(
      200,
    );
    const inc = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'mountain_accident',
      location: { lat: 46.4445, lon: 13.7745, address: 'Prisojnik' },
    });
    const first = await dispatcher.get(`/api/incidents/${inc.body.id}/recommendations`);
    expect(first.body.recommended[0].callsign).toBe('GRS-KG-1');
    const kg2 = first.body.others.find((o: { callsign: string }) => o.callsign === 'GRS-KG-2');
    expect(kg2.stale).toBe(true);
    // Measured from its station in Kranjska Gora (about 4 km), not from the stale report (0 m).
    expect(kg2.distanceM).toBeGreaterThan(3000);

    // With every other mountain rescue team busy, the stale one must be sent, and the answer says why.
    const others = (
      await raw.query(
        `select id from units where callsign like 'GRS-%' and callsign not like 'GRS-KG-%' and status = 'available'`,
      )
    ).rows.map((r) => r.id);
    await raw.query(`update units set status = 'out_of_service' where id = any($1)`, [others]);
    try {
      const inc2 = await calltaker.send('POST', '/api/incidents', {
        ...FIRE_IN_LJUBLJANA,
        type: 'mountain_accident',
        location: { lat: 46.4445, lon: 13.7745, address: 'Prisojnik' },
        triage: { answers: { can_walk: 'no' } },
      });
      const res = await dispatcher.get(`/api/incidents/${inc2.body.id}/recommendations`);
      const mr = res.body.recommended.filter((r: { fulfils: string }) => r.fulfils === 'mountain_rescue');
      expect(mr.map((r: { callsign: string }) => r.callsign)).toEqual(['GRS-KG-1', 'GRS-KG-2']);
      expect(mr[1].reason.en).toMatch(/position stale/);
      expect(res.body.shortfalls.map((x: { en: string }) => x.en).join(' ')).toMatch(
        /GRS-KG-2: position 1\d\d min old/,
      );
    } finally {
      await raw.query(`update units set status = 'available' where id = any($1)`, [others]);
    }
  });

  it('unknown incidents are 404; stations may not ask', async () => {
    expect((await dispatcher.get('/api/incidents/999999/recommendations')).status).toBe(404);
    expect((await station.get('/api/incidents/1/recommendations')).status).toBe(403);
  });
});

describe('AVL positions', () => {
  it('a position report moves the unit on every map; an older report is ignored', async () => {
    const id = await unitId('GB-LJ-41');
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s.subscribe(null);
    const res = await station.send('POST', `/api/units/${id}/position`, { lat: 46.06, lon: 14.51 });
    expect(res.body.applied).toBe(true);
    const ev = await s.event('unit.position_changed', (f) => f.data.unit.id === id);
    expect(ev.data.unit.position?.lat).toBeCloseTo(46.06, 6);
    const old = await station.send('POST', `/api/units/${id}/position`, {
      lat: 45,
      lon: 14,
      at: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(old.body.applied).toBe(false);
    expect(old.body.unit.position.lat).toBeCloseTo(46.06, 6);
    await s.close();
  });

  it('refuses positions outside the world, in the future, or for another station’s unit', async () => {
    const id = await unitId('GB-LJ-41');
    expect(
      (await station.send('POST', `/api/units/${id}/position`, { lat: 95, lon: 14 })).body.error.fields[0]
        .field,
    ).toBe('body.lat');
    const future = await station.send('POST', `/api/units/${id}/position`, {
      lat: 46,
      lon: 14,
      at: '2099-01-01T00:00:00Z',
    });
    expect(future.body.error.fields[0].field).toBe('body.at');
    const other = await unitId('GB-MB-11');
    // Another station's unit answers like a unit that does not exist.
    expect((await station.send('POST', `/api/units/${other}/position`, { lat: 46, lon: 14 })).status).toBe(
      404,
    );
  });
});

describe('recommendations after assignment', () => {
  it('recommend only what the units already on the incident do not cover', async () => {
    const inc = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      location: { lat: 46.2389, lon: 14.3556, address: 'Kranj' },
    });
    const before = await dispatcher.get(`/api/incidents/${inc.body.id}/recommendations`);
    expect(before.body.recommended).toHaveLength(3);
    const firstFire = before.body.recommended.find((r: { fulfils: string }) => r.fulfils === 'fire');
    await dispatcher.send('POST', `/api/incidents/${inc.body.id}/assignments`, { unitId: firstFire.id });
    const after = await dispatcher.get(`/api/incidents/${inc.body.id}/recommendations`);
    expect(after.body.missing).toEqual([
      { capability: 'fire', count: 1 },
      { capability: 'aerial', count: 1 },
    ]);
    expect(after.body.recommended).toHaveLength(2);
    expect(after.body.recommended.map((r: { id: number }) => r.id)).not.toContain(firstFire.id);
    await dispatcher.send('POST', `/api/units/${firstFire.id}/status`, { status: 'available' });
  });
});
