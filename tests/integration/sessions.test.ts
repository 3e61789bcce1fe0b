import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, sessionFor } from '../helpers/api';
import { rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

// Sessions end everywhere they are used: rotation on login, logout and expiry close sockets too;
// failed logins are limited per account and per client address, which a client cannot forge.

let server: RunningServer;
let other: RunningServer;
let raw: pg.Client;

beforeAll(async () => {
  [server, other] = await Promise.all([
    startServer({ env: { WS_HEARTBEAT_MS: '1000' } }),
    startServer({ env: { WS_HEARTBEAT_MS: '1000' } }),
  ]);
  raw = await rawClient();
});

afterAll(async () => {
  await raw.end();
  await Promise.all([server.kill(), other.kill()]);
});

async function loginWith(url: string, username: string, cookie?: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ username, password: 'demo-112' }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

describe('sessions', () => {
  it('a login rotates the session: the one the browser brought ends, with its sockets', async () => {
    const first = await loginWith(server.url, 'dispatcher');
    const socket = await TestSocket.open(server.url, { cookie: first });
    await socket.subscribe(null);
    const second = await loginWith(server.url, 'dispatcher', first);
    expect(second).not.toBe(first);
    expect((await sessionFor(server.url, first, 'dispatcher').get('/api/me')).status).toBe(401);
    expect((await sessionFor(server.url, second, 'dispatcher').get('/api/me')).status).toBe(200);
    await expect.poll(() => socket.closed?.code ?? null, { timeout: 3000 }).toBe(4401);
  });

  it('logout on one node closes the session’s sockets on every node at once (4401)', async () => {
    const cookie = await loginWith(server.url, 'calltaker');
    const here = await TestSocket.open(server.url, { cookie });
    const there = await TestSocket.open(other.url, { cookie });
    await Promise.all([here.subscribe(null), there.subscribe(null)]);
    const untouched = await TestSocket.open(other.url, { cookie: await loginWith(other.url, 'calltaker') });
    await untouched.subscribe(null);
    const t0 = Date.now();
    expect((await sessionFor(server.url, cookie, 'call_taker').send('POST', '/api/auth/logout')).status).toBe(
      200,
    );
    await expect.poll(() => here.closed?.code ?? null, { timeout: 3000 }).toBe(4401);
    await expect.poll(() => there.closed?.code ?? null, { timeout: 3000 }).toBe(4401);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(untouched.closed).toBeNull();
    // And the socket cannot be reopened with it.
    await expect(TestSocket.open(server.url, { cookie })).rejects.toThrow(/401/);
    await untouched.close();
  });

  it('an expired session or a disabled user loses its socket at the next heartbeat', async () => {
    const cookie = await loginWith(server.url, 'supervisor');
    const socket = await TestSocket.open(server.url, { cookie });
    await socket.subscribe(null);
    const token = decodeURIComponent(cookie.split('=')[1] ?? '');
    await raw.query(
      `update sessions set expires_at = now() - interval '1 second' where token_hash = encode(sha256($1::bytea), 'hex')`,
      [token],
    );
    await expect.poll(() => socket.closed?.code ?? null, { timeout: 5000 }).toBe(4401);
  });

  it('the cookie is HttpOnly, SameSite and scoped to the site', async () => {
    const res = await request(server.url, 'POST', '/api/auth/login', {
      body: { username: 'station', password: 'demo-112' },
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^cad112_session=[A-Za-z0-9_-]{32,}/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Max-Age=\d+/);
  });
});

describe('login rate limit', () => {
  // The throttle per account and address, shared by nodes, is tested in hardening.test.ts.
  it('a client cannot dodge the address limit with its own X-Forwarded-For', async () => {
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await request(server.url, 'POST', '/api/auth/login', {
        body: { username: `nobody-${i}`, password: 'x' },
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
      limited = r.status === 429;
    }
    expect(limited).toBe(true);
    // The counters are in the database: leave the suite's own address unthrottled for the next files.
    await raw.query(
      `delete from login_throttle where key like 'addr:%127.0.0.1' or key like 'pair:nobody-%'`,
    );
  });
});
