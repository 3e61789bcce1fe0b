import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsrmRouter } from '@/lib/dispatch/routing';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { freeUnits, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';

// A local HTTP server that speaks OSRM's table API: real sockets, answers chosen by the test.
type Mode = 'ok' | 'slow' | 'garbage' | 'error';
class FakeOsrm {
  mode: Mode = 'ok';
  requests: string[] = [];
  /** Seconds by destination "lon,lat" (4 decimals); null = no route. Others: 10 m/s straight line. */
  overrides = new Map<string, number | null>();
  private server: Server = createServer((req, res) => void this.answer(req, res));
  url = '';

  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(r));
  }

  private async answer(req: IncomingMessage, res: ServerResponse) {
    this.requests.push(req.url ?? '');
    if (this.mode === 'slow') await new Promise((r) => setTimeout(r, 3000));
    if (this.mode === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":"InternalError"}');
      return;
    }
    if (this.mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      return;
    }
    const m = /\/table\/v1\/driving\/([^?]+)/.exec(req.url ?? '');
    const pts = (m?.[1] ?? '').split(';').map((p) => p.split(',').map(Number) as [number, number]);
    const [origin] = pts;
    if (!origin) {
      res.writeHead(400).end('{"code":"InvalidQuery"}');
      return;
    }
    const durations = pts.map(([lon, lat]) => {
      const key = `${lon.toFixed(4)},${lat.toFixed(4)}`;
      if (this.overrides.has(key)) return this.overrides.get(key) ?? null;
      return metres(origin, [lon, lat]) / 10;
    });
    const distances = pts.map((p) => metres(origin, p) * 1.3);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 'Ok', durations: [durations], distances: [distances] }));
  }
}

function metres([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const r = 6371000;
  const dLat = ((lat2 - lat1) * Math.PI) / 180;
  const dLon = ((lon2 - lon1) * Math.PI) / 180;
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos((lat1 * Math.PI) / 180) * Math.cos((lat2 * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(a));
}

const osrm = new FakeOsrm();
let server: RunningServer;
let raw: pg.Client;
let calltaker: Session;
let dispatcher: Session;

// GB-LJ-12 waits 1 km south of Prešernov trg but across the river (no bridge: 9 min by road);
// GB-LJ-11 is 2 km north on the ring road (3 min).
const NORTH = { lat: 46.0694, lon: 14.5085 };
const SOUTH = { lat: 46.0424, lon: 14.5052 };

beforeAll(async () => {
  await osrm.start();
  server = await startServer({ env: { ROUTING_URL: osrm.url, ROUTING_TIMEOUT_MS: '400' } });
  raw = await rawClient();
  [calltaker, dispatcher] = await Promise.all([
    login(server.url, 'calltaker'),
    login(server.url, 'dispatcher'),
  ]);
  // Earlier suites may have sent these units somewhere: GB Ljubljana releases them first.
  await freeUnits(raw, await login(server.url, 'station'), ['GB-LJ-11', 'GB-LJ-12', 'GB-LJ-21']);
  for (const [callsign, p] of [
    ['GB-LJ-11', NORTH],
    ['GB-LJ-12', SOUTH],
  ] as const)
    await raw.query(
      `update units set position = st_setsrid(st_makepoint($2, $3), 4326)::geography, position_at = now()
        where callsign = $1`,
      [callsign, p.lon, p.lat],
    );
  osrm.overrides.set(`${NORTH.lon.toFixed(4)},${NORTH.lat.toFixed(4)}`, 180);
  osrm.overrides.set(`${SOUTH.lon.toFixed(4)},${SOUTH.lat.toFixed(4)}`, 540);
});

afterAll(async () => {
  await raw.query(
    `update units u set position = s.position, position_at = now() from stations s
      where s.id = u.station_id and u.callsign in ('GB-LJ-11', 'GB-LJ-12')`,
  );
  await raw.end();
  await server.kill();
  await osrm.stop();
});

async function fireInLjubljana(): Promise<number> {
  const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
  expect(inc.status).toBe(201);
  return inc.body.id;
}

describe('recommendations with an OSRM-compatible routing engine', () => {
  it('ranks by road ETA when the engine answers: the unit across the river comes after', async () => {
    const id = await fireInLjubljana();
    const res = await dispatcher.get(`/api/incidents/${id}/recommendations`);
    expect(res.status).toBe(200);
    expect(res.body.routing).toEqual({ mode: 'road', error: null });
    const fire = res.body.recommended.filter((r: { fulfils: string }) => r.fulfils === 'fire');
    expect(fire[0].callsign).toBe('GB-LJ-11');
    expect(fire[0].etaS).toBe(180);
    expect(fire[0].roadDistanceM).toBeGreaterThan(fire[0].distanceM);
    expect(fire[0].reason.en).toMatch(
      /^fastest unit \(firefighting\), in service area, ETA 3 min \([\d.]+ km by road\)$/,
    );
    expect(fire[0].reason.sl).toMatch(/^najhitrejša enota \(gašenje\), v območju postaje, prihod v 3 min/);
    const all = [...res.body.recommended, ...res.body.others] as { callsign: string; etaS: number | null }[];
    const i11 = all.findIndex((u) => u.callsign === 'GB-LJ-11');
    const i12 = all.findIndex((u) => u.callsign === 'GB-LJ-12');
    expect(i11).toBeLessThan(i12);

    // What the engine was asked: origin = the incident (lon,lat), sources=0, durations and distances.
    const last = osrm.requests.at(-1) ?? '';
    expect(last).toMatch(/^\/table\/v1\/driving\/14\.506000,46\.051400;/);
    expect(last).toContain('sources=0');
    expect(last).toContain('annotations=duration,distance');
    expect(last.split('?')[0]?.split(';').length).toBeLessThanOrEqual(100);
  });

  it('puts a unit the engine cannot route to after every unit it can, and says why', async () => {
    osrm.overrides.set(`${NORTH.lon.toFixed(4)},${NORTH.lat.toFixed(4)}`, null);
    try {
      const id = await fireInLjubljana();
      const res = await dispatcher.get(`/api/incidents/${id}/recommendations`);
      type Row = { callsign: string; etaS: number | null; inServiceArea: boolean; reason?: { en: string } };
      const fire = (res.body.recommended as (Row & { fulfils: string })[]).filter(
        (r) => r.fulfils === 'fire',
      );
      const at = fire.findIndex((r) => r.callsign === 'GB-LJ-11');
      // In its service area it may still be chosen (area ranks before travel time), but only after
      // every in-area unit with a route, and the reason says there is no road route.
      if (at >= 0) {
        expect(fire.slice(0, at).every((r) => r.etaS !== null && r.inServiceArea)).toBe(true);
        expect(fire[at]?.reason?.en).toMatch(/straight line, no road route/);
      }
      const others = (res.body.others as Row[]).filter((r) => r.inServiceArea);
      const firstNull = others.findIndex((r) => r.etaS === null);
      if (firstNull >= 0) expect(others.slice(firstNull).every((r) => r.etaS === null)).toBe(true);
      expect([...fire, ...others].some((r) => r.callsign === 'GB-LJ-11' && r.etaS === null)).toBe(true);
    } finally {
      osrm.overrides.set(`${NORTH.lon.toFixed(4)},${NORTH.lat.toFixed(4)}`, 180);
    }
  });

  it('falls back to straight lines, quickly, when the engine hangs, and leaves it alone for a while', async () => {
    osrm.mode = 'slow';
    try {
      const id = await fireInLjubljana();
      const t0 = Date.now();
      const res = await dispatcher.get(`/api/incidents/${id}/recommendations`);
      const took = Date.now() - t0;
      expect(res.status).toBe(200);
      expect(took).toBeLessThan(2500);
      expect(res.body.routing).toEqual({ mode: 'straight_line', error: 'routing engine timed out' });
      const fire = res.body.recommended.filter((r: { fulfils: string }) => r.fulfils === 'fire');
      expect(fire[0].callsign).toBe('GB-LJ-12');
      expect(fire[0].etaS).toBeNull();
      expect(fire[0].reason.en).toMatch(/^nearest unit \(firefighting\), in service area, [\d.]+ (k)?m$/);
      expect(res.body.shortfalls.map((s: { en: string }) => s.en)).toContain(
        'road routing unavailable (routing engine timed out) – straight-line distances',
      );
      // Cooling down: the next recommendation does not ask the engine (nor wait for it).
      const asked = osrm.requests.length;
      const again = await dispatcher.get(`/api/incidents/${id}/recommendations`);
      expect(again.body.routing.mode).toBe('straight_line');
      expect(osrm.requests.length).toBe(asked);
    } finally {
      osrm.mode = 'ok';
    }
  });
});

describe('OSRM client', () => {
  const from = { lat: 46.05, lon: 14.5 };
  const to = [
    { lat: 46.06, lon: 14.51 },
    { lat: 46.07, lon: 14.52 },
  ];

  it('reads durations and distances for each destination', async () => {
    const router = new OsrmRouter(`${osrm.url}/`, { timeoutMs: 1000 });
    const t = await router.table(from, to);
    expect(t.durationsS).toHaveLength(2);
    expect(t.durationsS[0]).toBeGreaterThan(100);
    expect(t.distancesM[1]).toBeGreaterThan(t.distancesM[0] ?? 0);
  });

  it.each([
    ['error', /HTTP 500/],
    ['garbage', /unexpected document/],
  ] as const)(
    'rejects an engine that answers %s, then retries only after the cool-down',
    async (mode, message) => {
      let now = 1_000_000;
      const router = new OsrmRouter(osrm.url, { timeoutMs: 1000, now: () => now });
      osrm.mode = mode;
      try {
        await expect(router.table(from, to)).rejects.toThrow(message);
        osrm.mode = 'ok';
        await expect(router.table(from, to)).rejects.toThrow(/cooling down/);
        now += 31_000;
        await expect(router.table(from, to)).resolves.toMatchObject({
          durationsS: [expect.any(Number), expect.any(Number)],
        });
      } finally {
        osrm.mode = 'ok';
      }
    },
  );

  it('rejects an engine that is not there', async () => {
    const router = new OsrmRouter('http://127.0.0.1:9', { timeoutMs: 1000 });
    await expect(router.table(from, to)).rejects.toThrow();
  });
});
