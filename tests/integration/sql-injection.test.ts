import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ROUTES, type RouteSpec } from '../../lib/http/routes';
import { FIRE_IN_LJUBLJANA, login, request, type Session } from '../helpers/api';
import { rawClient, tableCounts } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';

// SQL injection in every text field and query parameter is harmless: no 5xx, no delay from an
// injected pg_sleep, nothing dropped or changed, and text comes back exactly as it was sent.

const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE incidents; --",
  '1; SELECT pg_sleep(3); --',
  "' || (SELECT pg_sleep(3)) || '",
  '1) UNION SELECT username, password_hash FROM users --',
  '"; TRUNCATE events; --',
  '$$; DELETE FROM users; $$',
  "%' AND 1=1 --",
  "\\'; UPDATE users SET role='supervisor'; --",
  "Robert'); DROP TABLE units;--",
  'ž\u0000č',
];

let server: RunningServer;
let raw: pg.Client;
let sessions: Record<string, Session>;

beforeAll(async () => {
  server = await startServer({ env: { ESCALATION_CHECK_MS: '60000' } });
  raw = await rawClient();
  const names = ['calltaker', 'dispatcher', 'supervisor', 'station'];
  const list = await Promise.all(names.map((n) => login(server.url, n)));
  sessions = Object.fromEntries(names.map((n, i) => [n, list[i] as Session]));
  // Administration routes change the entity in their path: they get throwaway ones of their own, so a
  // payload that is valid text (a display name, a password) changes nothing the other tests use.
  const sup = sessions.supervisor as Session;
  const tag = Date.now().toString(36);
  const gb = (await raw.query(`select id from stations where code = 'GB-LJ'`)).rows[0].id;
  const station = await sup.send('POST', '/api/stations', {
    code: `SQLI-${tag}`.toUpperCase().slice(0, 20),
    name: 'SQL injection target',
    agency: 'fire',
    position: { lat: 46.05, lon: 14.5 },
  });
  const unit = await sup.send('POST', '/api/units', {
    callsign: `SQLI-${tag}`.toUpperCase(),
    type: 'GVC 16/25',
    capabilities: ['fire'],
    stationId: gb,
  });
  const user = await sup.send('POST', '/api/users', {
    username: `sqli-${tag}`,
    displayName: 'SQL injection target',
    role: 'dispatcher',
    password: 'target-password-1',
  });
  const token = await sup.send('POST', '/api/tokens', { name: `sqli-${tag}`, role: 'dispatcher' });
  for (const r of [station, unit, user, token]) expect(r.status, JSON.stringify(r.body)).toBe(201);
  targets = { stations: station.body.id, units: unit.body.id, users: user.body.id, tokens: token.body.id };
});

let targets: Record<string, number>;

/** The id a path parameter gets when the payload goes elsewhere: 1, or the throwaway entity. */
function baseId(spec: RouteSpec): string {
  const m = /^\/api\/(users|stations|units|tokens)\/\{id\}/.exec(spec.path);
  return m && spec.method !== 'GET' ? String(targets[m[1] as string]) : '1';
}

afterAll(async () => {
  await raw.end();
  await server.kill();
});

function keysOf(schema: unknown): string[] {
  // A schema with a transform is a pipe: its keys are those of its input.
  const s = schema as
    | { shape?: Record<string, z.ZodType>; in?: { shape?: Record<string, z.ZodType> } }
    | undefined;
  const shape = s?.shape ?? s?.in?.shape;
  return shape ? Object.keys(shape) : [];
}

function sessionFor(spec: RouteSpec): Session {
  const access = spec.access;
  if (Array.isArray(access) && access.length) {
    const role = access.includes('supervisor') ? 'supervisor' : access[0];
    return (
      sessions[role === 'call_taker' ? 'calltaker' : (role as string)] ?? (sessions.supervisor as Session)
    );
  }
  return sessions.supervisor as Session;
}

describe('SQL injection', () => {
  it('in every query parameter, path parameter and body field of every route: no 5xx, no delay, nothing changed', async () => {
    const before = await tableCounts(raw);
    const lastNote = Number(
      (await raw.query('select coalesce(max(id), 0) as m from incident_notes')).rows[0].m,
    );
    const users = (await raw.query('select username, role from users order by id')).rows;
    let sent = 0;
    const accepted: string[] = [];
    for (const [id, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
      if (id === 'logout' || id === 'login') continue;
      const s = sessionFor(spec);
      const requests: { path: string; body?: unknown }[] = [];
      for (const p of PAYLOADS) {
        const path = spec.path.replace(/\{\w+\}/g, encodeURIComponent(p));
        if (path !== spec.path) requests.push({ path });
        const base = spec.path.replace(/\{\w+\}/g, baseId(spec));
        for (const key of keysOf(spec.query))
          requests.push({ path: `${base}?${new URLSearchParams({ [key]: p })}` });
        for (const key of keysOf(spec.body)) requests.push({ path: base, body: { [key]: p } });
        if (spec.body && keysOf(spec.body).length === 0) requests.push({ path: base, body: p });
      }
      for (const r of requests) {
        const t0 = Date.now();
        const res = await request(server.url, spec.method, r.path, {
          ...(r.body !== undefined && spec.method !== 'GET' ? { body: r.body } : {}),
          headers: { cookie: s.cookie },
        });
        sent++;
        const what = `${spec.method} ${r.path} ${JSON.stringify(r.body ?? '')} → ${res.status}`;
        expect(res.status, what).toBeLessThan(500);
        if (res.status < 300 && spec.method !== 'GET') accepted.push(what);
        expect(Date.now() - t0, `slow: ${what}`).toBeLessThan(2500);
      }
    }
    expect(sent).toBeGreaterThan(300);
    // A write accepted here is a valid request on a real id: a note whose text is the payload (stored
    // as text), or an action without a body (e.g. acknowledging alert 1). Nothing else changed.
    // Or a change of a throwaway administration target (its name is now the payload, as text).
    const own = new RegExp(
      `^(PATCH|POST) /api/(${Object.entries(targets)
        .map(([k, v]) => `${k}/${v}`)
        .join('|')})(/[a-z]+)? `,
    );
    for (const a of accepted) if (!own.test(a)) expect(a).toMatch(/^POST \/api\/[a-z]+\/1\/[a-z]+ /);
    // Notes: those an accepted request wrote (a note, or the reason given with an action on id 1, such as
    // releasing assignment 1) hold the payload as text, byte for byte; nothing else wrote one.
    const after = await tableCounts(raw);
    const stored = await raw.query('select text from incident_notes where id > $1', [lastNote]);
    expect({ ...after, events: 0, incident_notes: (after.incident_notes ?? 0) - stored.rows.length }).toEqual(
      {
        ...before,
        events: 0,
      },
    );
    expect(stored.rows.length).toBeLessThanOrEqual(accepted.length);
    // (a release's note is "<call sign>: <reason>")
    for (const r of stored.rows)
      expect(
        PAYLOADS.some((p) => r.text === p || r.text.endsWith(`: ${p}`)),
        r.text,
      ).toBe(true);
    expect((await raw.query('select username, role from users order by id')).rows).toEqual(users);
  }, 180_000);

  it('text is stored and returned exactly as typed, quotes and all', async () => {
    const calltaker = sessions.calltaker as Session;
    for (const p of PAYLOADS.filter((x) => !x.includes('\u0000'))) {
      const inc = await calltaker.send('POST', '/api/incidents', {
        ...FIRE_IN_LJUBLJANA,
        description: p,
        location: { ...FIRE_IN_LJUBLJANA.location, address: p },
        caller: { name: p, phone: '+386 41 123 456' },
      });
      expect(inc.status, p).toBe(201);
      const got = await calltaker.get(`/api/incidents/${inc.body.id}`);
      expect(got.body.description).toBe(p);
      expect(got.body.location.address).toBe(p);
      const note = await calltaker.send('POST', `/api/incidents/${inc.body.id}/notes`, { text: p });
      expect(note.status).toBe(201);
      const again = await calltaker.get(`/api/incidents/${inc.body.id}`);
      expect(again.body.notes.map((n: { text: string }) => n.text)).toContain(p);
    }
    // The NUL character is refused with a 4xx naming the field, not a database error.
    const nul = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      description: 'a\u0000b',
    });
    expect(nul.status).toBeLessThan(500);
  });

  it('searches treat the text as text', async () => {
    const s = sessions.calltaker as Session;
    for (const p of PAYLOADS) {
      for (const path of [
        `/api/kb?q=${encodeURIComponent(p)}`,
        `/api/geocode?q=${encodeURIComponent(p)}`,
        `/api/incidents?status=all&q=${encodeURIComponent(p)}`,
      ]) {
        const res = await s.get(path);
        expect(res.status, `${path} → ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(500);
      }
    }
  });

  it('a login name full of SQL signs nobody in', async () => {
    for (const p of PAYLOADS) {
      const res = await request(server.url, 'POST', '/api/auth/login', {
        body: { username: p, password: p },
      });
      expect([400, 401, 429]).toContain(res.status);
    }
  });
});
