import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../db/schema';
import { createApiToken } from '../../lib/auth/manage-api-tokens';
import { allowed, ROUTES, type RouteSpec } from '../../lib/http/routes';
import { FIRE_IN_LJUBLJANA, login, request, type Session, sessionFor } from '../helpers/api';
import { availableUnit, openTestDb, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';

// The authorisation matrix is generated from the route table: every endpoint × every role, plus
// no credentials. A new endpoint without a rule, or a route file the table does not know, fails.

let server: RunningServer;
let raw: pg.Client;
const sessions: Record<string, Session> = {};
let ids: {
  incident: number;
  alert: number;
  unit: number;
  otherIncident: number;
  otherAlert: number;
  otherUnit: number;
};

const USERS: Record<string, string> = {
  call_taker: 'calltaker',
  dispatcher: 'dispatcher',
  station: 'station',
  supervisor: 'supervisor',
  national: 'national',
};

beforeAll(async () => {
  server = await startServer();
  raw = await rawClient();
  for (const role of ROLES) sessions[role] = await login(server.url, USERS[role] as string);
  const ct = sessions.call_taker as Session;
  const disp = sessions.dispatcher as Session;
  // One incident alerted to the demo station (GB Ljubljana), one alerted to another station.
  const own = await ct.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
  const other = await ct.send('POST', '/api/incidents', {
    ...FIRE_IN_LJUBLJANA,
    location: { lat: 46.554, lon: 15.645 },
  });
  const ownUnit = await availableUnit(raw, 'GB-LJ-');
  const otherUnit = await availableUnit(raw, 'GB-MB-');
  const a1 = await disp.send('POST', `/api/incidents/${own.body.id}/assignments`, { unitId: ownUnit });
  const a2 = await disp.send('POST', `/api/incidents/${other.body.id}/assignments`, { unitId: otherUnit });
  ids = {
    incident: own.body.id,
    alert: a1.body.alertId,
    unit: ownUnit,
    otherIncident: other.body.id,
    otherAlert: a2.body.alertId,
    otherUnit,
  };
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

function concretePath(spec: RouteSpec): string {
  // Accounts, tokens, location notes, notifications, on-call services: an id that does not exist, so an
  // allowed role's request changes nothing.
  const id = /\/api\/(users|tokens|location-notes|notifications|oncall)\//.test(spec.path)
    ? 2_147_483_647
    : spec.path.includes('/alerts/')
      ? ids.alert
      : spec.path.includes('/units/')
        ? ids.unit
        : ids.incident;
  return spec.path.replace('{id}', String(id)).replace('{code}', 'other').replace('{slug}', 'authz-matrix');
}

describe('authorisation matrix (route table × roles)', () => {
  for (const [routeId, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    if (routeId === 'login' || routeId === 'logout') continue;
    it(`${spec.method} ${spec.path} without credentials → ${spec.access === 'public' ? 'allowed' : '401'}`, async () => {
      const res = await request(
        server.url,
        spec.method,
        concretePath(spec),
        spec.method === 'GET' ? {} : { body: {} },
      );
      if (spec.access === 'public') expect(res.status).not.toBe(401);
      else {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
    });
    for (const role of ROLES) {
      const ok = allowed(spec.access, role);
      it(`${spec.method} ${spec.path} as ${role} → ${ok ? 'allowed' : '403'}`, async () => {
        const s = sessions[role] as Session;
        // An empty body: allowed roles get past authorisation (and then maybe a 400), others get 403.
        const res =
          spec.method === 'GET'
            ? await s.get(concretePath(spec))
            : await s.send(spec.method, concretePath(spec), {});
        if (ok) expect([401, 403]).not.toContain(res.status);
        else {
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
        }
      });
    }
  }
});

describe('a station sees its own alerts and the incidents they concern, not the rest', () => {
  it('reads its incident, not another station’s', async () => {
    const st = sessions.station as Session;
    expect((await st.get(`/api/incidents/${ids.incident}`)).status).toBe(200);
    // Another station's incident answers exactly like one that does not exist: no way to probe ids.
    const other = await st.get(`/api/incidents/${ids.otherIncident}`);
    const missing = await st.get('/api/incidents/2147483647');
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    const list = await st.get('/api/incidents?status=all');
    const seen = list.body.map((i: { id: number }) => i.id);
    expect(seen).toContain(ids.incident);
    expect(seen).not.toContain(ids.otherIncident);
  });

  it('cannot acknowledge another station’s alert or move another station’s unit', async () => {
    const st = sessions.station as Session;
    const same = async (method: string, path: (id: number) => string, own: number, body?: unknown) => {
      const foreign = await st.send(method, path(own), body);
      const missing = await st.send(method, path(2_147_483_647), body);
      expect(foreign.status, path(own)).toBe(404);
      expect(foreign.body, path(own)).toEqual(missing.body);
    };
    await same('POST', (id) => `/api/alerts/${id}/ack`, ids.otherAlert);
    await same('POST', (id) => `/api/alerts/${id}/delivered`, ids.otherAlert);
    await same('POST', (id) => `/api/units/${id}/status`, ids.otherUnit, { status: 'en_route' });
    await same('POST', (id) => `/api/units/${id}/position`, ids.otherUnit, { lat: 46.05, lon: 14.5 });
    await same('POST', (id) => `/api/incidents/${id}/notes`, ids.otherIncident, { text: 'x' });
    await same('GET', (id) => `/api/incidents/${id}/surroundings`, ids.otherIncident);
    const r = await raw.query('select acknowledged_at from alerts where id = $1', [ids.otherAlert]);
    expect(r.rows[0].acknowledged_at).toBeNull();
  });

  it('its event log holds only what concerns it', async () => {
    const st = sessions.station as Session;
    const res = await st.get('/api/events?after=0&limit=1000');
    expect(res.status).toBe(200);
    const stationId = (await raw.query(`select id from stations where code = 'GB-LJ'`)).rows[0].id;
    const concerned = new Set(
      (
        await raw.query('select distinct incident_id from alerts where station_id = $1', [stationId])
      ).rows.map((r) => r.incident_id),
    );
    expect(res.body.events.length).toBeGreaterThan(0);
    for (const e of res.body.events) {
      const ok =
        e.data?.alert?.stationId === stationId ||
        e.data?.assignment?.stationId === stationId ||
        e.data?.handover?.stationId === stationId ||
        concerned.has(
          e.data?.incident?.id ??
            e.data?.incidentId ??
            e.data?.assignment?.incidentId ??
            e.data?.note?.incidentId ??
            e.data?.caller?.incidentId,
        ) ||
        e.data?.unit?.stationId === stationId;
      expect(ok, JSON.stringify(e).slice(0, 300)).toBe(true);
    }
  });
});

describe('API tokens', () => {
  it('a bearer token authenticates an integration with its role; a wrong one is 401', async () => {
    const h = await openTestDb();
    const stationId = (await raw.query(`select id from stations where code = 'GB-LJ'`)).rows[0].id;
    const { token } = await createApiToken(h.db, null, {
      name: 'gb-lj-alerting',
      role: 'station',
      stationId,
    });
    await h.close();
    const integ = sessionFor(server.url, '', 'station', token);
    const me = await integ.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'token', role: 'station', stationId });
    expect((await integ.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).status).toBe(403);
    expect((await sessionFor(server.url, '', 'station', 'cad_wrong').get('/api/me')).status).toBe(401);
  });
});

describe('sessions', () => {
  it('the cookie is HttpOnly and SameSite; logout ends the session on the server', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dispatcher', password: 'demo-112' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const s = sessionFor(server.url, cookie.split(';')[0] ?? '', 'dispatcher');
    expect((await s.get('/api/me')).status).toBe(200);
    expect((await s.send('POST', '/api/auth/logout')).status).toBe(200);
    expect((await s.get('/api/me')).status).toBe(401);
  });

  it('a wrong password is 401 without saying which part was wrong', async () => {
    const res = await request(server.url, 'POST', '/api/auth/login', {
      body: { username: 'dispatcher', password: 'nope' },
    });
    expect(res.status).toBe(401);
    const res2 = await request(server.url, 'POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'nope' },
    });
    expect(res2.body.error.message).toBe(res.body.error.message);
  });

  it('a state change from another origin is refused (CSRF)', async () => {
    const d = sessions.dispatcher as Session;
    const res = await d.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});

describe('every route file is in the route table and vice versa', () => {
  it('matches', () => {
    const apiDir = path.join(process.cwd(), 'app', 'api');
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name === 'route.ts' && !p.includes('[...rest]')) {
          const urlPath = `/api/${path.relative(apiDir, path.dirname(p)).split(path.sep).join('/')}`.replace(
            /\[(\w+)\]/g,
            '{$1}',
          );
          const src = readFileSync(p, 'utf8');
          for (const m of src.matchAll(/export const (GET|POST|PATCH|PUT|DELETE) = handle\('(\w+)'/g)) {
            const spec = (ROUTES as Record<string, RouteSpec>)[m[2] as string];
            expect(spec, `${p} uses unknown route id ${m[2]}`).toBeDefined();
            expect(`${spec?.method} ${spec?.path}`).toBe(`${m[1]} ${urlPath}`);
            found.push(m[2] as string);
          }
          const exported = [
            ...src.matchAll(/export (const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g),
          ].length;
          expect(exported, `${p}: every handler must go through handle()`).toBe(
            [...src.matchAll(/= handle\(/g)].length,
          );
        }
      }
    };
    walk(apiDir);
    expect(found.sort()).toEqual(Object.keys(ROUTES).sort());
  });
});
