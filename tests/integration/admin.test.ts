import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { login, request, sessionFor } from '../helpers/api';
import { TEST_DATABASE_URL } from '../helpers/env';
import { startServer } from '../helpers/server';
import { serverSuite } from '../helpers/server-suite';
import { TestSocket } from '../helpers/socket';

// A supervisor administers the centre's accounts: who may work, in which role and station, and who
// hears of it. Every change is validated field by field and audited.

const { s: suite, lastEvent } = serverSuite({ users: ['supervisor'] });
const tag = Date.now().toString(36);

describe('accounts', () => {
  it('a supervisor opens an account; the new person signs in; the event names who did it and holds no secret', async () => {
    const res = await suite.as.supervisor.send('POST', '/api/users', {
      username: `Nina.${tag}`,
      displayName: 'Nina Kralj',
      role: 'dispatcher',
      password: 'correct horse 112',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      username: `nina.${tag}`,
      role: 'dispatcher',
      disabled: false,
      demo: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon|password/i);
    const ev = await lastEvent('user.created');
    expect(ev.actor).toBe('supervisor');
    expect(JSON.stringify(ev.payload)).not.toMatch(/argon|correct horse/);
    const nina = await login(suite.server.url, `nina.${tag}`, 'correct horse 112');
    expect((await nina.get('/api/me')).body.role).toBe('dispatcher');
  });

  it('refuses bad fields, naming each, and a taken username', async () => {
    const bad = await suite.as.supervisor.send('POST', '/api/users', {
      username: 'x',
      displayName: '',
      role: 'station',
      password: 'short',
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.username', 'body.displayName', 'body.password', 'body.stationId']),
    );
    const dup = await suite.as.supervisor.send('POST', '/api/users', {
      username: 'dispatcher',
      displayName: 'Someone',
      role: 'dispatcher',
      password: 'long enough 112',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].field).toBe('body.username');
    expect(
      (
        await suite.as.supervisor.send('POST', '/api/users', {
          username: `st-x-${tag}`,
          displayName: 'x',
          role: 'station',
          stationId: 2_000_000,
          password: 'long enough 112',
        })
      ).status,
    ).toBe(400);
  });

  it('disabling an account ends its sessions and closes its sockets at once', async () => {
    const created = await suite.as.supervisor.send('POST', '/api/users', {
      username: `leaver-${tag}`,
      displayName: 'Leaver',
      role: 'call_taker',
      password: 'leaving soon 112',
    });
    const leaver = await login(suite.server.url, `leaver-${tag}`, 'leaving soon 112');
    const ws = await TestSocket.open(suite.server.url, { cookie: leaver.cookie });
    await ws.subscribe(null);
    const res = await suite.as.supervisor.send('PATCH', `/api/users/${created.body.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await leaver.get('/api/me')).status).toBe(401);
    await expect.poll(() => ws.closed?.code, { timeout: 3000 }).toBe(4401);
    expect((await lastEvent('user.updated')).payload).toMatchObject({
      changes: ['disabled'],
      before: { disabled: false },
      sessionsEnded: 1,
    });
    const again = await request(suite.server.url, 'POST', '/api/auth/login', {
      body: { username: `leaver-${tag}`, password: 'leaving soon 112' },
    });
    expect(again.status).toBe(401);
  });

  it('a password reset ends the sessions; the new password works and the old one not', async () => {
    const created = await suite.as.supervisor.send('POST', '/api/users', {
      username: `forgetful-${tag}`,
      displayName: 'Forgetful',
      role: 'dispatcher',
      password: 'first password 1',
    });
    const before = await login(suite.server.url, `forgetful-${tag}`, 'first password 1');
    const res = await suite.as.supervisor.send('POST', `/api/users/${created.body.id}/password`, {
      password: 'second password 2',
    });
    expect(res.status).toBe(200);
    expect(res.body.sessionsEnded).toBe(1);
    expect((await before.get('/api/me')).status).toBe(401);
    await expect(login(suite.server.url, `forgetful-${tag}`, 'first password 1')).rejects.toThrow(/401/);
    await login(suite.server.url, `forgetful-${tag}`, 'second password 2');
    expect(
      (
        await suite.as.supervisor.send('POST', `/api/users/${created.body.id}/password`, {
          password: ' padded password ',
        })
      ).status,
    ).toBe(400);
  });

  it('a supervisor cannot disable or demote themselves, and the centre keeps a supervisor', async () => {
    const me = (await suite.as.supervisor.get('/api/me')).body;
    const self = await suite.as.supervisor.send('PATCH', `/api/users/${me.id}`, { disabled: true });
    expect(self.status).toBe(409);
    expect(self.body.error.fields[0].field).toBe('body.disabled');
    expect(
      (await suite.as.supervisor.send('PATCH', `/api/users/${me.id}`, { role: 'dispatcher' })).status,
    ).toBe(409);
    expect((await suite.as.supervisor.send('PATCH', `/api/users/${me.id}`, { role: 'station' })).status).toBe(
      400,
    );
    expect((await suite.as.supervisor.send('PATCH', `/api/users/${me.id}`, {})).status).toBe(400);
    expect(
      (await suite.as.supervisor.send('PATCH', '/api/users/2147483647', { displayName: 'x' })).status,
    ).toBe(404);
  });

  it('the list never carries a password hash and shows demo accounts as such', async () => {
    const res = await suite.as.supervisor.get('/api/users');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    expect(res.body.find((u: { username: string }) => u.username === 'dispatcher')).toMatchObject({
      demo: true,
    });
  });
});

describe('who hears about accounts and credentials', () => {
  it('supervisors do, live and in the log; the rest of the centre and stations do not', async () => {
    const disp = await login(suite.server.url, 'dispatcher');
    const dispWs = await TestSocket.open(suite.server.url, { cookie: disp.cookie });
    const supWs = await TestSocket.open(suite.server.url, { cookie: suite.as.supervisor.cookie });
    const since = Number((await suite.raw.query('select max(seq) m from events')).rows[0].m);
    await dispWs.subscribe(since);
    await supWs.subscribe(since);
    const res = await suite.as.supervisor.send('POST', '/api/users', {
      username: `quiet-${tag}`,
      displayName: 'Quiet',
      role: 'call_taker',
      password: 'quiet password 1',
    });
    const token = await suite.as.supervisor.send('POST', '/api/tokens', {
      name: `quiet-${tag}`,
      role: 'dispatcher',
    });
    await supWs.event('api_token.created');
    expect(supWs.events().some((f) => f.type === 'user.created')).toBe(true);
    // A later event everyone sees, so the dispatcher's socket has certainly passed the two above.
    await suite.as.supervisor.send('PUT', `/api/kb/quiet-${tag}`, {
      kind: 'contacts',
      title: { sl: 'Tiho', en: 'Quiet' },
      body: { sl: 'Besedilo.', en: 'Text.' },
    });
    await dispWs.event('kb_article.saved');
    expect(dispWs.events().map((f) => f.type)).not.toContain('user.created');
    expect(dispWs.events().map((f) => f.type)).not.toContain('api_token.created');
    const log = await disp.get(`/api/events?after=${since}`);
    expect(log.body.events.map((e: { type: string }) => e.type)).toEqual(['kb_article.saved']);
    expect(res.status).toBe(201);
    expect(token.status).toBe(201);
    await dispWs.close();
    await supWs.close();
  });
});

describe('demo accounts outside demo mode', () => {
  it('cannot sign in, and their open sessions stop working; real accounts can', async () => {
    const name = `real-${tag}`;
    await suite.as.supervisor.send('POST', '/api/users', {
      username: name,
      displayName: 'Real',
      role: 'supervisor',
      password: 'real supervisor 1',
    });
    const prod = await startServer({ env: { DEMO_MODE: 'false' } });
    try {
      const demo = await request(prod.url, 'POST', '/api/auth/login', {
        body: { username: 'dispatcher', password: 'demo-112' },
      });
      expect(demo.status).toBe(401);
      // A session opened while demo mode was on is refused too.
      expect(
        (await sessionFor(prod.url, suite.as.supervisor.cookie, 'supervisor').get('/api/me')).status,
      ).toBe(401);
      const real = await login(prod.url, name, 'real supervisor 1');
      expect((await real.get('/api/me')).status).toBe(200);
    } finally {
      await prod.kill();
    }
  });
});

function userAdd(args: string[], input: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'db/cli/user-add.ts', ...args], {
      env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.stdin.end(input);
    p.on('close', (code) => resolve({ code, out }));
  });
}

describe('npm run user:add (the first supervisor of a production install)', () => {
  it('creates an account with the password from stdin, audited as system; refuses a weak one', async () => {
    const ok = await userAdd([`chief-${tag}`, 'supervisor', 'Chief Supervisor'], 'a long first password\n');
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/created/);
    const ev = await lastEvent('user.created');
    expect(ev.actor).toBe('system');
    expect(ev.payload.user.username).toBe(`chief-${tag}`);
    await login(suite.server.url, `chief-${tag}`, 'a long first password');
    const weak = await userAdd([`weak-${tag}`, 'supervisor', 'Weak'], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.out).toMatch(/password: at least 10 characters/);
    const dup = await userAdd([`chief-${tag}`, 'supervisor', 'Again'], 'a long first password\n');
    expect(dup.code).toBe(2);
    expect(dup.out).toMatch(/taken/);
    const station = await userAdd([`crew-${tag}`, 'station', 'Crew', 'GB-LJ'], 'crew password 112\n');
    expect(station.code, station.out).toBe(0);
  }, 60_000);
});
