import { METHODS } from 'node:http';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTES, type RouteSpec } from '../../lib/http/routes';
import { login, request, type Session } from '../helpers/api';
import { rawClient } from '../helpers/db';
import { rawHttp } from '../helpers/raw-http';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

// Generated junk at every endpoint and socket message type – over 10,000 inputs per run: nothing may
// answer 5xx or crash the server, and a rejected request (4xx) or message (error frame) writes nothing:
// no event by the fuzzing users and no stored idempotency key appear.

const PER_ROUTE = 270;
const SOCKET_FRAMES = 1500;
const USERS = ['calltaker', 'dispatcher', 'station', 'supervisor'];

let server: RunningServer;
let raw: pg.Client;
let userIds: number[] = [];
const sessions: Session[] = [];
let total = 0;

beforeAll(async () => {
  // No background writer during the run: the escalator would write events of its own.
  server = await startServer({ env: { ESCALATION_CHECK_MS: '60000' } });
  raw = await rawClient();
  for (const u of USERS) sessions.push(await login(server.url, u));
  userIds = (await raw.query('select id from users where username = any($1)', [USERS])).rows.map((r) => r.id);
});

afterAll(async () => {
  console.info(`fuzz: ${total} generated inputs`);
  expect(total).toBeGreaterThanOrEqual(10_000);
  // Failed logins count in the database per address: leave the suite's address unthrottled.
  await raw.query(`delete from login_throttle where key like 'addr:%127.0.0.1'`);
  await raw.end();
  await server.kill();
});

/** A fingerprint of everything the fuzzing users could have written. */
async function writes(): Promise<string> {
  const r = await raw.query(
    `select (select coalesce(max(seq), 0) from events where actor_user_id = any($1)) as seq,
            (select count(*) from idempotency_keys) as keys`,
    [userIds],
  );
  return `${r.rows[0].seq}/${r.rows[0].keys}`;
}

const segment = fc.oneof(
  fc.integer({ min: -5, max: 3_000_000_000 }).map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('1', '0', '%00', '..', 'null', 'other', '%27%3B'),
  // Malformed escapes and numbers past every integer column.
  fc.constantFrom('%', '%zz', '%E0%A4%A', 'a%2', '2147483648', '-2147483649', '9007199254740993', '1e400'),
);
/** Out-of-range integers in the fields that carry ids and versions. */
const bigIntegers = fc
  .dictionary(
    fc.constantFrom(
      'unitId',
      'incidentId',
      'stationId',
      'serviceId',
      'alertId',
      'id',
      'into',
      'other',
      'version',
    ),
    fc.constantFrom(2_147_483_648, -2_147_483_649, 2 ** 53 + 2, 1e300, 0, -1),
    { minKeys: 1, maxKeys: 3 },
  )
  .map((v) => JSON.stringify(v));
const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.double().map(String),
  fc.constantFrom('91,14', '-0', 'true', ''),
  fc.constantFrom('2147483648', '99999999999', '9223372036854775808', '-2147483649', '2026-999999'),
);

/** The names of a route's query parameters (from its schema). */
function queryNames(spec: RouteSpec): string[] {
  if (!spec.query) return [];
  const schema = z.toJSONSchema(spec.query, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(schema.properties ?? {});
}
const body = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '[]', '{"type":null}', '{"location":{"lat":1e999}}', 'A"ML=1;lt=+91'),
  bigIntegers,
);

describe('fuzzing every endpoint', () => {
  for (const [id, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    // Logging out would end the sessions the other routes are fuzzed with (logout has its own tests).
    if (id === 'logout') continue;
    it(`${spec.method} ${spec.path} never answers 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: sessions.length - 1 }),
          segment,
          fc.dictionary(
            fc.constantFrom(
              'q',
              'lat',
              'lon',
              'near',
              'status',
              'after',
              'limit',
              'phone',
              'text',
              'type',
              'from',
              'x',
              // The route's own query parameters, so each is fuzzed where it means something.
              ...queryNames(spec),
            ),
            queryValue,
            { maxKeys: 4 },
          ),
          body,
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
          async (who, seg, query, raw, contentType) => {
            const path =
              spec.path.replace(/\{\w+\}/, seg) +
              (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
            const s = sessions[who] as Session;
            const before = spec.method === 'GET' ? '' : await writes();
            const res = await request(server.url, spec.method, path, {
              ...(spec.method === 'GET' ? {} : { raw }),
              headers: { cookie: s.cookie, ...(contentType ? { 'content-type': contentType } : {}) },
            });
            total++;
            const what = `${spec.method} ${path} ${raw.slice(0, 80)} → ${JSON.stringify(res.body).slice(0, 200)}`;
            expect(res.status, what).toBeLessThan(500);
            if (res.status >= 400 && spec.method !== 'GET')
              expect(await writes(), `wrote: ${what}`).toBe(before);
          },
        ),
        // Logins are rate limited per address: a few suffice to show bad bodies are refused.
        { numRuns: id === 'login' ? 15 : PER_ROUTE },
      );
    });
  }
});

describe('fuzzing methods', () => {
  it('any method token on any route: 405 for what HTTP here does not serve, never 5xx', async () => {
    const paths = [
      ...new Set(
        Object.values(ROUTES as Record<string, RouteSpec>).map((s) => s.path.replace(/\{\w+\}/, '1')),
      ),
    ];
    const allowed = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths, '/', '/dispatch', '/login'),
        fc.oneof(
          fc.constantFrom(
            'TRACE',
            'TRACK',
            'CONNECT',
            'PROPFIND',
            'MKCOL',
            'LOCK',
            'SEARCH',
            'QUERY',
            'PURGE',
          ),
          fc.stringMatching(/^[A-Z]{3,10}$/),
        ),
        async (path, method) => {
          const res = await rawHttp(server.port, method, method === 'CONNECT' ? '127.0.0.1:1' : path, {
            cookie: (sessions[3] as Session).cookie,
          });
          total++;
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          // Node's parser answers 400 for a token HTTP does not define; a defined one we do not serve is 405.
          if (!allowed.has(method))
            expect(res.status, `${method} ${path}`).toBe(METHODS.includes(method) ? 405 : 400);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fuzzing the socket', () => {
  it('garbage frames get error frames; a socket that keeps sending garbage is closed (1008); the server stays up', async () => {
    const supervisor = await login(server.url, 'supervisor');
    const open = () => TestSocket.open(server.url, { cookie: supervisor.cookie });
    let s = await open();
    let floods = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
          fc
            .record({
              type: fc.constantFrom('subscribe', 'ping', 'alert.ack', 'alert.delivered', 'x'),
              since: fc.oneof(fc.anything(), fc.constantFrom(2 ** 63, -1, 1e300, 2_147_483_648)),
              alertId: fc.oneof(fc.anything(), fc.constantFrom(2_147_483_648, 2 ** 53 + 2, -1, 1e300)),
              requestId: fc.anything(),
            })
            .map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 300 }),
        ),
        async (frame) => {
          if (s.closed) {
            // The flood rule, not a crash: reconnect as a client would.
            expect(s.closed.code).toBe(1008);
            floods++;
            s = await open();
          }
          const sock = s;
          const before = sock.frames.length;
          const wrote = await writes();
          sock.send(frame);
          sock.send({ type: 'ping' });
          await expect
            .poll(() => sock.closed !== null || sock.frames.slice(before).some((f) => f.type === 'pong'), {
              timeout: 10_000,
              interval: 5,
            })
            .toBe(true);
          total++;
          const replies = sock.frames.slice(before);
          const refused =
            replies.some((f) => f.type === 'error') ||
            replies.some((f) => f.type === 'ack.result' && f.ok === false) ||
            sock.closed !== null;
          if (refused) expect(await writes(), `wrote after refusing ${frame.slice(0, 100)}`).toBe(wrote);
        },
      ),
      { numRuns: SOCKET_FRAMES },
    );
    console.info(`socket fuzz: ${SOCKET_FRAMES} frames, closed for flooding ${floods} times`);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await s.close();
  });
});
