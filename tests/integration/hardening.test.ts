import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../lib/maintenance/purge';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { availableUnit, openTestDb, rawClient } from '../helpers/db';
import { rawHttp } from '../helpers/raw-http';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

// What an outside attack found (issue 18): inputs that answered 500, a cross-site check that trusted a
// header nobody vouched for, an account a stranger could lock, and rows never purged.

let server: RunningServer;
let raw: pg.Client;

beforeAll(async () => {
  server = await startServer();
  raw = await rawClient();
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

describe('no input answers 5xx', () => {
  it.each([
    '/api/incidents/%zz',
    '/api/%',
    '/api/incidents/%E0%A4%A',
    '/%',
    '/dispatch/%zz',
    '/api/incidents/1/notes%',
  ])('a malformed percent-escape in %s is a 400 naming the path, before login', async (path) => {
    const res = await rawHttp(server.port, 'GET', path);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'bad_request', fields: [{ field: 'path' }] });
  });

  it.each([
    ['TRACE', '/'],
    ['TRACE', '/api/incidents'],
    ['PROPFIND', '/dispatch'],
    ['MKCOL', '/api/incidents'],
    ['PURGE', '/api/health'],
  ])('%s %s is a 405 with Allow', async (method, path) => {
    const res = await rawHttp(server.port, method, path);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(JSON.parse(res.body).error).toMatchObject({
      code: 'method_not_allowed',
      fields: [{ field: 'method' }],
    });
  });

  it('CONNECT is a 405; a method HTTP does not define at all (TRACK) is the parser’s 400', async () => {
    const connect = await rawHttp(server.port, 'CONNECT', '127.0.0.1:80');
    expect(connect.status).toBe(405);
    expect(connect.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    expect((await rawHttp(server.port, 'TRACK', '/api/health')).status).toBe(400);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('ids and versions past the 32-bit range are 400s naming the field, in body, path and socket', async () => {
    const ct = await login(server.url, 'calltaker');
    const disp = await login(server.url, 'dispatcher');
    const sup = await login(server.url, 'supervisor');
    const inc = await ct.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    expect(inc.status).toBe(201);
    const big = 2_147_483_648;
    const cases: [Session, string, string, unknown, string][] = [
      [disp, 'POST', `/api/incidents/${inc.body.id}/assignments`, { unitId: big }, 'body.unitId'],
      [disp, 'POST', `/api/incidents/${inc.body.id}/assignments`, { unitId: 2 ** 53 + 2 }, 'body.unitId'],
      [ct, 'PATCH', `/api/incidents/${inc.body.id}`, { version: big, priority: 'red' }, 'body.version'],
      [disp, 'POST', `/api/incidents/${inc.body.id}/merge`, { version: 1, into: big }, 'body.into'],
      [disp, 'GET', `/api/incidents/${big}`, undefined, 'id'],
      [disp, 'POST', `/api/alerts/${big}/ack`, undefined, 'id'],
      [sup, 'GET', `/api/audit?before=${2 ** 60}`, undefined, 'query.before'],
    ];
    for (const [who, method, path, body, field] of cases) {
      const res = method === 'GET' ? await who.get(path) : await who.send(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(
        res.body.error.fields.map((f: { field: string }) => f.field),
        `${method} ${path}`,
      ).toContain(field);
    }
    const socket = await TestSocket.open(server.url, { cookie: disp.cookie });
    for (const msg of [
      { type: 'alert.ack', alertId: big },
      { type: 'alert.delivered', alertId: 2 ** 53 },
      { type: 'subscribe', since: 2 ** 63 },
    ]) {
      const before = socket.frames.length;
      socket.send(msg);
      await expect
        .poll(() => socket.frames.slice(before).find((f) => f.type === 'error' || f.type === 'ack.result'))
        .toBeTruthy();
      const reply = socket.frames.slice(before).find((f) => f.type === 'error' || f.type === 'ack.result');
      expect(reply?.type === 'error' || reply?.ok === false, JSON.stringify(reply)).toBe(true);
    }
    expect(socket.closed).toBeNull();
    await socket.close();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('the cross-site check trusts forwarded headers only behind a configured proxy', () => {
  it('X-Forwarded-Host naming the attacker’s site does not make its Origin ours (HTTP and socket)', async () => {
    const ct = await login(server.url, 'calltaker');
    const evil = 'evil.example';
    const res = await fetch(`${server.url}/api/incidents`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: ct.cookie,
        origin: `https://${evil}`,
        'x-forwarded-host': evil,
        forwarded: `host=${evil}`,
      },
      body: JSON.stringify(FIRE_IN_LJUBLJANA),
    });
    expect(res.status).toBe(403);
    await expect(
      TestSocket.open(server.url, { cookie: ct.cookie, origin: `https://${evil}`, 'x-forwarded-host': evil }),
    ).rejects.toThrow(/403/);
  });
});

describe('nobody can lock an operator out', () => {
  let nodeA: RunningServer;
  let nodeB: RunningServer;
  const attacker = '203.0.113.66';
  const operatorAddress = '198.51.100.20';
  // Behind the centre's reverse proxy: the address comes from X-Forwarded-For.
  const proxyEnv = { TRUST_PROXY: 'true' };

  const attempt = (node: RunningServer, from: string, password: string, cookie?: string) =>
    fetch(`${node.url}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': from,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify({ username: 'supervisor', password }),
    });

  beforeAll(async () => {
    await raw.query(
      `delete from login_throttle where key like '%203.0.113.66%' or key like '%198.51.100.20%'`,
    );
    [nodeA, nodeB] = await Promise.all([startServer({ env: proxyEnv }), startServer({ env: proxyEnv })]);
  });
  afterAll(async () => {
    await Promise.all([nodeA.kill(), nodeB.kill()]);
  });

  it('a stranger’s failures slow the stranger, capped, on every node and across a restart; the owner signs in', async () => {
    // Earlier, the operator signed in at a workstation behind the same address as the attacker: that
    // browser is remembered for the account (device cookie).
    const earlier = await attempt(nodeA, attacker, 'demo-112');
    expect(earlier.status).toBe(200);
    const device = earlier.headers
      .getSetCookie()
      .find((c) => c.startsWith('cad112_device='))
      ?.split(';')[0];
    expect(device).toBeTruthy();

    const pair = 'pair:supervisor|203.0.113.66';
    const retry = async (node: RunningServer) => {
      const r = await attempt(node, attacker, 'demo-112');
      return { status: r.status, wait: Number(r.headers.get('retry-after')) };
    };
    const untilFree = async () => {
      const { rows } = await raw.query(
        'select greatest(0, extract(epoch from blocked_until - now())) as s from login_throttle where key = $1',
        [pair],
      );
      await new Promise((r) => setTimeout(r, Number(rows[0]?.s ?? 0) * 1000 + 100));
    };

    // Five free failures, then each failure doubles the wait; the right password waits too.
    for (let i = 0; i < 6; i++) expect((await attempt(nodeA, attacker, `guess-${i}`)).status).toBe(401);
    expect(await retry(nodeA)).toEqual({ status: 429, wait: 1 });
    // Hammering during the wait is refused without a password check, and does not count.
    for (let i = 0; i < 10; i++) expect((await attempt(nodeA, attacker, `hammer-${i}`)).status).toBe(429);
    // The other node sees the same count: it is in PostgreSQL.
    expect((await retry(nodeB)).status).toBe(429);
    await untilFree();
    expect((await attempt(nodeB, attacker, 'guess-7')).status).toBe(401);
    expect(await retry(nodeA)).toEqual({ status: 429, wait: 2 });
    // A restarted node does not start the count again.
    await nodeB.kill();
    nodeB = await startServer({ env: proxyEnv });
    await untilFree();
    expect((await attempt(nodeB, attacker, 'guess-8')).status).toBe(401);
    const afterRestart = await retry(nodeB);
    expect(afterRestart.status).toBe(429);
    expect(afterRestart.wait).toBeGreaterThanOrEqual(3);
    // However many failures, the wait is capped: slowed down, never locked out.
    await raw.query(`update login_throttle set failures = 500, blocked_until = now() where key = $1`, [pair]);
    expect((await attempt(nodeA, attacker, 'guess-501')).status).toBe(401);
    const capped = await retry(nodeA);
    expect(capped.status).toBe(429);
    expect(capped.wait).toBeGreaterThan(50);
    expect(capped.wait).toBeLessThanOrEqual(60);

    // The owner, from their own workstation's address, signs in at once on either node.
    expect((await attempt(nodeA, operatorAddress, 'demo-112')).status).toBe(200);
    expect((await attempt(nodeB, operatorAddress, 'demo-112')).status).toBe(200);
    // And at the known browser behind the attacker's own address too.
    expect((await attempt(nodeB, attacker, 'demo-112', device)).status).toBe(200);

    const counters = await raw.query(
      `select key, failures from login_throttle where key like '%203.0.113.66%' order by key`,
    );
    expect(counters.rows.map((r) => r.key)).toEqual(['addr:203.0.113.66', 'pair:supervisor|203.0.113.66']);
  });

  it('a wrong password at a known browser counts on that browser only', async () => {
    const first = await attempt(nodeA, operatorAddress, 'demo-112');
    const device = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('cad112_device='))
      ?.split(';')[0] as string;
    expect(first.status).toBe(200);
    expect((await attempt(nodeA, operatorAddress, 'typo', device)).status).toBe(401);
    const keys = await raw.query(
      `select key from login_throttle where key like 'dev:%' and last_failure_at > now() - interval '1 minute'`,
    );
    expect(keys.rows.length).toBeGreaterThan(0);
    expect((await attempt(nodeA, operatorAddress, 'demo-112', device)).status).toBe(200);
  });
});

describe('rows that only matter for a while are purged', () => {
  it('removes idempotency keys past their window and expired sessions, and keeps a retry within it working', async () => {
    const h = await openTestDb();
    try {
      const disp = await login(server.url, 'dispatcher');
      const unit = await availableUnit(raw, 'GB-LJ-');
      const ct = await login(server.url, 'calltaker');
      const inc = await ct.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
      const key = `purge-${Date.now()}`;
      const first = await disp.send(
        'POST',
        `/api/incidents/${inc.body.id}/assignments`,
        { unitId: unit },
        {
          'idempotency-key': key,
        },
      );
      expect(first.status).toBe(201);
      await raw.query(
        `insert into idempotency_keys (principal, key, route, request_hash, status, response, created_at)
         values ('user:0', $1, 'POST /x', 'h', 201, '{}', now() - interval '25 hours')`,
        [`old-${key}`],
      );
      const users = await raw.query(`select id from users where username = 'dispatcher'`);
      await raw.query(
        `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() - interval '1 minute')`,
        [`expired-${key}`, users.rows[0].id],
      );

      await raw.query(
        `insert into login_devices (token_hash, user_id, last_used_at) values ($1, $2, now() - interval '181 days')`,
        [`old-device-${key}`, users.rows[0].id],
      );

      const purged = await purgeExpired(h.db, {
        idempotencyHours: 24,
        throttleWindowMin: 15,
        deviceDays: 180,
      });
      expect(purged.idempotencyKeys).toBeGreaterThanOrEqual(1);
      expect(purged.sessions).toBeGreaterThanOrEqual(1);
      expect(
        (await raw.query('select 1 from idempotency_keys where key = $1', [`old-${key}`])).rowCount,
      ).toBe(0);
      expect(
        (await raw.query('select 1 from sessions where token_hash = $1', [`expired-${key}`])).rowCount,
      ).toBe(0);
      expect(purged.loginDevices).toBeGreaterThanOrEqual(1);
      expect(
        (await raw.query('select 1 from login_devices where token_hash = $1', [`old-device-${key}`]))
          .rowCount,
      ).toBe(0);

      // The retry within the window still gets the stored answer, not a second assignment.
      const retry = await disp.send(
        'POST',
        `/api/incidents/${inc.body.id}/assignments`,
        { unitId: unit },
        {
          'idempotency-key': key,
        },
      );
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      await disp.send('POST', `/api/units/${unit}/status`, { status: 'available' });
    } finally {
      await h.close();
    }
  });
});

describe('an overwritten field is never lost to the audit', () => {
  it('incident.updated records what each changed field was before', async () => {
    const ct = await login(server.url, 'calltaker');
    const sup = await login(server.url, 'supervisor');
    const inc = await ct.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      description: 'Gori kuhinja',
    });
    const changed = await ct.send('PATCH', `/api/incidents/${inc.body.id}`, {
      version: inc.body.version,
      description: 'Gori dnevna soba',
      priority: 'yellow',
    });
    expect(changed.status).toBe(200);
    const audit = await sup.get(`/api/audit?incident=${inc.body.number}&type=incident.updated&format=json`);
    expect(audit.status).toBe(200);
    const [entry] = audit.body.entries;
    expect(entry.data.changes.sort()).toEqual(['description', 'priority']);
    expect(entry.data.before).toEqual({ description: 'Gori kuhinja', priority: FIRE_IN_LJUBLJANA.priority });
    expect(entry.data.incident).toMatchObject({ description: 'Gori dnevna soba', priority: 'yellow' });
    // An id past the integer column is a 400 here too, not a database error.
    expect((await sup.get('/api/audit?incident=9999999999')).status).toBe(400);
    expect((await sup.get('/api/audit?unit=99999999999')).status).toBe(400);
  });
});
