import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../db/schema';
import { allowed, WS_MESSAGE_ACCESS } from '../../lib/http/routes';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { availableUnit, rawClient } from '../helpers/db';
import { freePort, type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

let server: RunningServer;
let raw: pg.Client;
let calltaker: Session;
let dispatcher: Session;
let station: Session;
let national: Session;
let port: number;

beforeAll(async () => {
  port = await freePort();
  server = await startServer({ port });
  raw = await rawClient();
  [calltaker, dispatcher, station, national] = await Promise.all([
    login(server.url, 'calltaker'),
    login(server.url, 'dispatcher'),
    login(server.url, 'station'),
    login(server.url, 'national'),
  ]);
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

const head = async () =>
  (await raw.query('select coalesce(max(seq),0)::int m from events')).rows[0].m as number;

describe('the socket', () => {
  it('refuses an upgrade without credentials (401) and from a foreign origin (403)', async () => {
    await expect(TestSocket.open(server.url, {})).rejects.toThrow(/401/);
    await expect(TestSocket.open(server.url, { cookie: 'cad112_session=forged' })).rejects.toThrow(/401/);
    await expect(
      TestSocket.open(server.url, { cookie: dispatcher.cookie, origin: 'https://evil.example' }),
    ).rejects.toThrow(/403/);
  });

  it('streams an incident created by the call-taker to the dispatcher', async () => {
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s.subscribe(null);
    const { body } = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const f = await s.event('incident.created', (x) => x.data.incident.id === body.id);
    expect(f.data.incident.number).toBe(body.number);
    expect(typeof f.at).toBe('string');
    await s.close();
  });

  it('answers garbage with error frames and keeps serving', async () => {
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    for (const junk of [
      'not json',
      '{"type":"subscribe"}',
      '{"type":"launch_missiles"}',
      '[]',
      '{"type":"alert.ack","alertId":-1}',
      'null',
      '"x"',
    ])
      s.send(junk);
    await s.waitFor(() => s.frames.filter((f) => f.type === 'error').length >= 7);
    expect(s.frames.filter((f) => f.type === 'error').every((f) => typeof f.code === 'string')).toBe(true);
    const sinceSeq = await s.subscribe(null);
    expect(sinceSeq).toBeGreaterThanOrEqual(0);
    s.ws.send(Buffer.alloc(10), { binary: true });
    await s.waitFor((f) => f.type === 'error' && String(f.message).includes('text frames'));
    s.send({ type: 'ping' });
    await s.waitFor((f) => f.type === 'pong');
    expect(s.closed).toBeNull();
    await s.close();
  });

  it('closes a socket that floods garbage', async () => {
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    for (let i = 0; i < 30; i++) s.send('{');
    await new Promise<void>((r) => s.ws.once('close', () => r()));
    expect(s.closed?.code).toBe(1008);
  });

  it('authorises every message type per role', async () => {
    for (const role of ROLES) {
      const session =
        role === 'station'
          ? station
          : role === 'call_taker'
            ? calltaker
            : role === 'national'
              ? national
              : dispatcher;
      if (role === 'supervisor') continue; // same rules as dispatcher in the table; covered by the HTTP matrix
      const s = await TestSocket.open(server.url, { cookie: session.cookie });
      for (const type of Object.keys(WS_MESSAGE_ACCESS) as (keyof typeof WS_MESSAGE_ACCESS)[]) {
        const msg =
          type === 'subscribe'
            ? { type, since: null }
            : type.startsWith('alert')
              ? { type, alertId: 999999 }
              : { type };
        const before = s.frames.length;
        s.send(msg);
        const reply = await s.waitFor(
          (f) =>
            s.frames.indexOf(f) >= before && ['error', 'pong', 'replayed', 'ack.result'].includes(f.type),
        );
        const code = reply.type === 'error' ? reply.code : null;
        if (allowed(WS_MESSAGE_ACCESS[type], role)) expect(code, `${role} ${type}`).not.toBe('forbidden');
        else expect(code, `${role} ${type}`).toBe('forbidden');
      }
      await s.close();
    }
  });
});

describe('resuming by seq', () => {
  it('a client that missed N events gets exactly those, in order, after reconnecting', async () => {
    const s1 = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s1.subscribe(null);
    await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const seen = await s1.event('incident.created');
    const lastSeq = seen.seq as number;
    await s1.close();

    // While disconnected: 25 incidents are logged.
    const missed: number[] = [];
    for (let i = 0; i < 25; i++) {
      const { body } = await calltaker.send('POST', '/api/incidents', {
        ...FIRE_IN_LJUBLJANA,
        description: `missed ${i}`,
      });
      missed.push(body.id);
    }
    const s2 = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s2.subscribe(lastSeq);
    const events = s2.events();
    const expected = (
      await raw.query('select seq from events where seq > $1 order by seq', [lastSeq])
    ).rows.map((r) => r.seq);
    expect(events.map((e) => e.seq)).toEqual(expected.map(Number));
    expect(events.filter((e) => e.type === 'incident.created').map((e) => e.data.incident.id)).toEqual(
      missed,
    );
    await s2.close();
  });

  it('a station receives its alert, and none meant for another station', async () => {
    const st = await TestSocket.open(server.url, { cookie: station.cookie });
    await st.subscribe(await head());
    const own = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const other = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      location: { lat: 46.55, lon: 15.64 },
    });
    await dispatcher.send('POST', `/api/incidents/${other.body.id}/assignments`, {
      unitId: await availableUnit(raw, 'NMP-MB-'),
    });
    const a = await dispatcher.send('POST', `/api/incidents/${own.body.id}/assignments`, {
      unitId: await availableUnit(raw, 'GB-LJ-'),
    });
    expect(a.status).toBe(201);
    const alert = await st.event('alert.created');
    expect(alert.data.alert.id).toBe(a.body.alertId);
    expect(alert.data.incident.location.address).toBe(FIRE_IN_LJUBLJANA.location.address);
    // Acknowledge over the socket: the dispatcher's side sees it through the log.
    st.send({ type: 'alert.ack', alertId: a.body.alertId, requestId: 'r1' });
    await st.waitFor((f) => f.type === 'ack.result' && f.ok === true);
    await st.event('alert.acknowledged');
    // Nothing about the other incident, in any payload.
    expect(JSON.stringify(st.events())).not.toContain(other.body.number);
    const row = (
      await raw.query('select acknowledged_at, acknowledged_by_name from alerts where id = $1', [
        a.body.alertId,
      ])
    ).rows[0];
    expect(row.acknowledged_at).not.toBeNull();
    expect(row.acknowledged_by_name).toMatch(/GB Ljubljana/);
    await st.close();
  });
});

describe('a server killed with SIGKILL', () => {
  it('loses nothing committed: a reconnecting client gets every event once, in order', async () => {
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    const start = await s.subscribe(null);
    const acknowledged: number[] = [];
    // Writes go on while the server dies; the client retries each with its Idempotency-Key.
    const writer = (async () => {
      for (let i = 0; i < 30; i++) {
        const key = `kill-${start}-${i}`;
        for (;;) {
          try {
            const res = await fetch(`${server.url}/api/incidents`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                cookie: calltaker.cookie,
                'idempotency-key': key,
              },
              body: JSON.stringify({ ...FIRE_IN_LJUBLJANA, description: `kill test ${i}` }),
            });
            if (res.status === 201) {
              acknowledged.push(((await res.json()) as { id: number }).id);
              break;
            }
          } catch {}
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    await server.kill('SIGKILL');
    server = await startServer({ port });
    await writer;

    // Reconnect with the last seq seen before the crash.
    const seenBefore = s.events();
    const last = seenBefore.length ? (seenBefore[seenBefore.length - 1]?.seq as number) : start;
    const s2 = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s2.subscribe(last);
    const all = [...seenBefore, ...s2.events()];
    const seqs = all.map((e) => e.seq as number);
    const expected = (
      await raw.query('select seq from events where seq > $1 order by seq', [start])
    ).rows.map((r) => Number(r.seq));
    expect(seqs).toEqual(expected);
    const created = all.filter((e) => e.type === 'incident.created').map((e) => e.data.incident.id);
    expect(new Set(created)).toEqual(new Set(acknowledged));
    expect(created.length).toBe(acknowledged.length);
    const dup = await raw.query(
      `select description, count(*)::int n from incidents where description like 'kill test %' and id = any($1) group by 1 having count(*) > 1`,
      [acknowledged],
    );
    expect(dup.rows).toEqual([]);
    await s2.close();
  });
});

describe('shutdown', () => {
  it('SIGTERM closes sockets with 1012 and exits cleanly', async () => {
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s.subscribe(null);
    const closed = new Promise<number>((r) => s.ws.once('close', (code) => r(code)));
    const exit = await server.kill('SIGTERM');
    expect(await closed).toBe(1012);
    expect(exit).toBe(0);
    server = await startServer({ port });
  });
});
