import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { fromD96, fromWgs84 } from '../../lib/geo/convert';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { openTestDb } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';

let handle: DbHandle;
let server: RunningServer;
let dispatcher: Session;

beforeAll(async () => {
  handle = await openTestDb();
  server = await startServer();
  dispatcher = await login(server.url, 'dispatcher');
});

afterAll(async () => {
  await server.kill();
  await handle.close();
});

describe('D96/TM (EPSG:3794) through PostGIS', () => {
  // Published: the EPSG registry's centre of the area of use, 46.15 N 14.995 E = E 499613.77 N 112247.58.
  it('matches the published value within 1 m', async () => {
    const p = await fromWgs84(handle.db, 46.15, 14.995);
    expect(Math.abs(p.d96.e - 499613.77)).toBeLessThan(1);
    expect(Math.abs(p.d96.n - 112247.58)).toBeLessThan(1);
  });

  it('on the central meridian the easting is exactly the false easting', async () => {
    const p = await fromWgs84(handle.db, 46.0, 15.0);
    expect(p.d96.e).toBeCloseTo(500000, 1);
  });

  it('converts back to WGS84 within a centimetre', async () => {
    for (const [lat, lon] of [
      [46.0514, 14.506],
      [46.3797, 13.849],
      [46.6625, 16.1664],
      [45.5481, 13.7302],
    ] as const) {
      const there = await fromWgs84(handle.db, lat, lon);
      expect(there.d96.e).toBeGreaterThan(350_000);
      expect(there.d96.e).toBeLessThan(650_000);
      const back = await fromD96(handle.db, there.d96.e, there.d96.n);
      expect(Math.abs(back.lat - lat) * 111_000).toBeLessThan(0.01);
      expect(Math.abs(back.lon - lon) * 77_000).toBeLessThan(0.01);
    }
  });
});

describe('GET /api/geo/parse', () => {
  it('reads decimal, DMS and D96/TM and answers with both systems', async () => {
    const dec = await dispatcher.get(`/api/geo/parse?text=${encodeURIComponent('46.15, 14.995')}`);
    expect(dec.status).toBe(200);
    expect(dec.body.format).toBe('decimal');
    expect(Math.abs(dec.body.d96.e - 499613.77)).toBeLessThan(1);
    const dms = await dispatcher.get(`/api/geo/parse?text=${encodeURIComponent(`46°09'00"N 14°59'42"E`)}`);
    expect(dms.body.format).toBe('dms');
    expect(dms.body.lat).toBeCloseTo(46.15, 6);
    expect(dms.body.lon).toBeCloseTo(14.995, 6);
    const d96 = await dispatcher.get(`/api/geo/parse?text=${encodeURIComponent('E 499613.77 N 112247.58')}`);
    expect(d96.body.format).toBe('d96tm');
    expect(d96.body.lat).toBeCloseTo(46.15, 5);
    expect(d96.body.lon).toBeCloseTo(14.995, 5);
  });

  it('refuses what is not coordinates with 400 naming the field', async () => {
    for (const text of ['Ljubljana', '91, 14', "'; drop table units; --", '']) {
      const res = await dispatcher.get(`/api/geo/parse?text=${encodeURIComponent(text)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].field).toBe('query.text');
    }
  });

  it('every position the API returns carries D96/TM as well', async () => {
    const ct = await login(server.url, 'calltaker');
    const inc = await ct.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    expect(inc.body.location.d96.e).toBeGreaterThan(460_000);
    expect(inc.body.location.d96.n).toBeGreaterThan(100_000);
    const units = await dispatcher.get('/api/units');
    expect(units.body.every((u: { position: { d96: { e: number } } }) => u.position.d96.e > 350_000)).toBe(
      true,
    );
    const stations = await dispatcher.get('/api/stations');
    expect(stations.body[0].position.d96.n).toBeGreaterThan(0);
  });
});
