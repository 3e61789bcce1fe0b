import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session } from '../helpers/api';
import { rawClient } from '../helpers/db';
import { TEST_DATABASE_URL } from '../helpers/env';
import { type RunningServer, startServer } from '../helpers/server';

let server: RunningServer;
let raw: pg.Client;
let calltaker: Session;

beforeAll(async () => {
  server = await startServer();
  raw = await rawClient();
  calltaker = await login(server.url, 'calltaker');
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

const labels = async (q: string) =>
  ((await calltaker.get(`/api/geocode?q=${encodeURIComponent(q)}`)).body as { label: string }[]).map(
    (r) => r.label,
  );

describe('GET /api/geocode on the offline gazetteer', () => {
  it('holds every Slovenian settlement of the registry package', async () => {
    const r = await raw.query(`select count(*)::int n from places where kind = 'settlement'`);
    expect(r.rows[0].n).toBeGreaterThanOrEqual(300);
  });

  it('finds places without diacritics and with typos', async () => {
    expect((await labels('crnomelj'))[0]).toBe('Črnomelj');
    expect((await labels('Ljublana'))[0]).toBe('Ljubljana');
    expect((await labels('skofja loka'))[0]).toBe('Škofja Loka');
    expect((await labels('Kranjska Gora'))[0]).toBe('Kranjska Gora');
    expect((await labels('murska sobta'))[0]).toBe('Murska Sobota');
  });

  it('finds address points by street, number and town', async () => {
    expect((await labels('presernov trg 1'))[0]).toBe('Prešernov trg 1, 1000 Ljubljana');
    expect((await labels('Glavni trg 14 Maribor'))[0]).toBe('Glavni trg 14, 2000 Maribor');
    expect((await labels('copova'))[0]).toBe('Čopova ulica 14, 1000 Ljubljana');
  });

  it('answers with both coordinate systems and a score, best first', async () => {
    const res = await calltaker.get('/api/geocode?q=celje');
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ kind: 'settlement', label: 'Celje' });
    expect(res.body[0].position.d96.e).toBeGreaterThan(500_000);
    const scores = res.body.map((r: { score: number }) => r.score);
    expect(scores[0]).toBeGreaterThanOrEqual(scores[scores.length - 1]);
  });

  it('answers nothing, not an error, for nonsense; 400 for an empty or huge query', async () => {
    expect((await calltaker.get('/api/geocode?q=qqqqxxxx')).body).toEqual([]);
    expect((await calltaker.get('/api/geocode?q=')).status).toBe(400);
    expect((await calltaker.get(`/api/geocode?q=${'a'.repeat(500)}`)).status).toBe(400);
    expect(
      (await calltaker.get(`/api/geocode?q=${encodeURIComponent("'; drop table places; --")}`)).status,
    ).toBe(200);
  });
});

describe('GET /api/geocode/reverse', () => {
  it('gives the nearest address with its distance, or the nearest settlement when no address is near', async () => {
    const near = await calltaker.get('/api/geocode/reverse?lat=46.0513&lon=14.5062');
    expect(near.body.nearest).toMatchObject({ kind: 'address', label: 'Prešernov trg 1, 1000 Ljubljana' });
    expect(near.body.nearest.distanceM).toBeLessThan(30);
    const mountain = await calltaker.get('/api/geocode/reverse?lat=46.3797&lon=13.849');
    expect(mountain.body.nearest.kind).toBe('settlement');
    expect(mountain.body.nearest.distanceM).toBeGreaterThan(1000);
    expect((await calltaker.get('/api/geocode/reverse?lat=100&lon=14')).status).toBe(400);
  });
});

describe('npm run import:addresses', () => {
  const run = (file: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'db/cli/import-addresses.ts', file], {
      env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
      encoding: 'utf8',
    });

  it('imports WGS84 and D96/TM rows (converted by PostGIS), idempotently', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'addr-'));
    const file = path.join(dir, 'a.csv');
    writeFileSync(
      file,
      'street,house_number,settlement,postcode,lat,lon,e,n\nTestna ulica,7,Zgornje Testno,1234,,,461832.6,101129.4\n',
    );
    expect(run(file).status).toBe(0);
    expect(run(file).status).toBe(0);
    const r = await raw.query(
      `select count(*)::int n, max(ST_Y(position::geometry)) lat, max(ST_X(position::geometry)) lon from places where street = 'Testna ulica'`,
    );
    expect(r.rows[0].n).toBe(1);
    expect(r.rows[0].lat).toBeCloseTo(46.0489, 4);
    expect(r.rows[0].lon).toBeCloseTo(14.5068, 4);
  });

  it('refuses a file with a bad row, naming the line and column, and imports nothing from it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'addr-'));
    const file = path.join(dir, 'bad.csv');
    writeFileSync(
      file,
      'street,house_number,settlement,postcode,lat,lon\nDobra ulica,1,Kraj,1000,46.1,14.5\nSlaba ulica,2,Kraj,1000,146.1,14.5\n',
    );
    const res = run(file);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/line 3: lat/);
    const r = await raw.query(
      `select count(*)::int n from places where street in ('Dobra ulica', 'Slaba ulica')`,
    );
    expect(r.rows[0].n).toBe(0);
  });

  it('the shipped fixture imports cleanly', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'db/cli/import-addresses.ts', 'tests/fixtures/addresses.csv'],
      {
        env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/16 address points imported/);
  });
});
