import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { createDatabase, type OwnPostgres, ownPostgres } from '../helpers/own-postgres';
import { prepareDatabase } from '../helpers/prepare-db';
import { freePort, type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

// PostgreSQL stops under load and comes back: the app says 503 + Retry-After (never 500) while it is
// gone, recovers by itself within 5 s of its return, re-LISTENs, and its sockets get every event once.
// The database is a cluster of this test's own, so stopping it disturbs nothing else.

let pg: OwnPostgres;
let smtpPort: number;
let server: RunningServer;
let calltaker: Session;
let dispatcher: Session;

beforeAll(async () => {
  pg = await ownPostgres();
  createDatabase(pg, 'cad');
  await prepareDatabase(pg.url('cad'), pg.url('cad'));
  smtpPort = await freePort();
  server = await startServer({
    env: { DATABASE_URL: pg.url('cad'), SMTP_PORT: String(smtpPort), MAIL_ADDRESSES: '112@cad112.local' },
  });
  [calltaker, dispatcher] = await Promise.all([
    login(server.url, 'calltaker'),
    login(server.url, 'dispatcher'),
  ]);
}, 120_000);

afterAll(async () => {
  await server?.kill();
  pg?.destroy();
});

describe('PostgreSQL restarted under load', () => {
  it('answers 503 with Retry-After while it is down, recovers within 5 s, loses nothing', async () => {
    const socket = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await socket.subscribe(null);

    const statuses = new Map<number, number>();
    const retryAfter = new Set<string | null>();
    const acknowledged: { id: number; at: number }[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const key = `pg-restart-${w}-${i}`;
        for (;;) {
          let status = 0;
          try {
            const res = await fetch(`${server.url}/api/incidents`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                cookie: calltaker.cookie,
                'idempotency-key': key,
              },
              body: JSON.stringify({ ...FIRE_IN_LJUBLJANA, description: `pg restart ${w}/${i}` }),
            });
            status = res.status;
            if (status === 503) retryAfter.add(res.headers.get('retry-after'));
            if (status === 201) {
              acknowledged.push({ id: ((await res.json()) as { id: number }).id, at: Date.now() });
              break;
            }
            await res.body?.cancel();
          } catch {
            status = -1;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);

    await new Promise((r) => setTimeout(r, 1000));
    pg.stop('fast');
    const downAt = Date.now();
    await new Promise((r) => setTimeout(r, 2500));
    // Reads and the health check say "unavailable", not "internal error".
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toMatch(/^\d+$/);
    const list = await dispatcher.get('/api/incidents');
    expect(list.status).toBe(503);
    expect(list.body.error.code).toBe('unavailable');
    // Pages too, /login included: a readable 503 that reloads itself (no script), never Next's 500.
    for (const [page, lang, words] of [
      ['/login', 'sl', 'nedosegljiv'],
      ['/dispatch', 'en', 'briefly unavailable'],
      ['/', 'sl', 'nedosegljiv'],
      ['/audit', 'en', 'briefly unavailable'],
    ] as const) {
      const res = await fetch(`${server.url}${page}`, {
        headers: { cookie: `${dispatcher.cookie}; lang=${lang}` },
        redirect: 'manual',
      });
      expect(res.status, page).toBe(503);
      expect(res.headers.get('retry-after'), page).toBe('5');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<meta http-equiv="refresh" content="5">');
      expect(html).toContain(words);
      expect(html).toContain(`<html lang="${lang}">`);
    }
    const ackedWhileDown = acknowledged.filter((a) => a.at > downAt + 500).length;
    expect(ackedWhileDown).toBe(0);

    pg.start();
    const upAt = Date.now();
    await expect
      .poll(() => acknowledged.some((a) => a.at > upAt), { timeout: 10_000, interval: 100 })
      .toBe(true);
    const firstAfter = Math.min(...acknowledged.filter((a) => a.at > upAt).map((a) => a.at));
    console.info(`database back: first acknowledged write after ${firstAfter - upAt} ms`);
    expect(firstAfter - upAt).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await Promise.all(writers);

    console.info(`answers while the database was away: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect([...retryAfter].every((v) => v !== null && /^\d+$/.test(v))).toBe(true);

    // Every acknowledged incident exists once, and reached the socket once, in seq order – the hub
    // re-LISTENed (or its poll read the log) without the client doing anything.
    const ids = acknowledged.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    await expect
      .poll(
        () =>
          new Set(
            socket
              .events()
              .filter((e) => e.type === 'incident.created')
              .map((e) => e.data.incident.id),
          ).size,
        { timeout: 10_000 },
      )
      .toBe(ids.length);
    const created = socket.events().filter((e) => e.type === 'incident.created');
    expect(created.length).toBe(ids.length);
    expect(new Set(created.map((e) => e.data.incident.id))).toEqual(new Set(ids));
    const seqs = socket.events().map((e) => e.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(socket.closed).toBeNull();
    const after = await dispatcher.get('/api/incidents?status=all&limit=500');
    expect(after.status).toBe(200);
    await expect.poll(async () => (await fetch(`${server.url}/login`)).status, { timeout: 5000 }).toBe(200);
    await socket.close();
  }, 60_000);
});

describe('112 e-mail while PostgreSQL is away', () => {
  it('answers 451 (the sending server retries) and stores the retried message once it is back', async () => {
    const mail = () =>
      createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }).sendMail({
        from: 'retry@example.si',
        to: '112@cad112.local',
        subject: 'Poskus med izpadom',
        text: 'Sporočilo, ki ga baza ne more shraniti.',
        messageId: '<db-down-1@example.si>',
      });
    pg.stop('fast');
    try {
      await expect(mail()).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      pg.start();
    }
    // The sending server's retry: stored once the database answers again.
    await expect
      .poll(
        async () =>
          (await mail()
            .then((i) => i.response)
            .catch((e) => String(e.responseCode))) as string,
        {
          timeout: 15_000,
          interval: 500,
        },
      )
      .toMatch(/^250/);
    const inbox = await dispatcher.get('/api/messages');
    expect(inbox.body.filter((c: { subject: string }) => c.subject === 'Poskus med izpadom')).toHaveLength(1);
  }, 60_000);
});
