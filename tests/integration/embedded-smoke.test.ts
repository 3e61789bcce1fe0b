import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login } from '../helpers/api';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

// The quick start's database: PGlite with PostGIS in a local folder, no PostgreSQL server at all.
// The real server is started on it, seeded through the real CLI, and driven over HTTP and the socket.

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cad112-pglite-'));
  const env = { DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'db') };
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, ['--import', 'tsx', 'db/cli/seed.ts'], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  server = await startServer({ env, timeoutMs: 120_000 });
}, 240_000);

afterAll(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded database (PGlite + PostGIS)', () => {
  it('migrates, seeds, creates an incident and delivers its event on the socket', async () => {
    const dispatcher = await login(server.url, 'dispatcher');
    const calltaker = await login(server.url, 'calltaker');
    const units = await dispatcher.get('/api/units?near=46.0514,14.506');
    expect(units.body.length).toBeGreaterThanOrEqual(40);
    expect(units.body[0].distanceM).toBeLessThan(5000);
    // pg_trgm in PGlite: the gazetteer's typo-tolerant search works embedded too.
    const found = await calltaker.get('/api/geocode?q=crnomelj');
    expect(found.body[0].label).toBe('Črnomelj');
    // PostGIS 3.6 in PGlite knows EPSG:3794 too.
    expect(units.body[0].position.d96.e).toBeGreaterThan(450_000);
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s.subscribe(null);
    const { status, body } = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA, {
      'idempotency-key': 'smoke-1',
    });
    expect(status).toBe(201);
    const ev = await s.event('incident.created', (f) => f.data.incident.id === body.id);
    expect(ev.data.incident.number).toBe(body.number);
    const again = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA, {
      'idempotency-key': 'smoke-1',
    });
    expect(again.body.id).toBe(body.id);

    // The alert path too: assignment (data-modifying CTEs) and its events reach the station's socket.
    const station = await login(server.url, 'station');
    const ss = await TestSocket.open(server.url, { cookie: station.cookie });
    await ss.subscribe(null);
    const recs = await dispatcher.get(`/api/incidents/${body.id}/recommendations`);
    expect(recs.status).toBe(200);
    const unit = recs.body.recommended.find((r: { callsign: string }) => r.callsign.startsWith('GB-LJ-'));
    const assigned = await dispatcher.send('POST', `/api/incidents/${body.id}/assignments`, {
      unitId: unit.id,
    });
    expect(assigned.status).toBe(201);
    const alert = await ss.event('alert.created', (f) => f.data.alert.id === assigned.body.alertId);
    expect(alert.data.incident.id).toBe(body.id);
    expect((await station.send('POST', `/api/alerts/${assigned.body.alertId}/ack`)).status).toBe(200);
    await ss.close();
    await s.close();
  });

  it('refuses a second process on the same data folder instead of corrupting it', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'db/cli/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'db') },
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/in use by process \d+/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
