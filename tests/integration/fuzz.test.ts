import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '../../lib/http/routes';
import { login, request, type Session } from '../helpers/api';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

// Generated junk at every endpoint and socket message type: nothing may answer 5xx or crash the server.
// (Issue #5 extends this to 10,000 inputs per run and checks that rejected requests write nothing.)

let server: RunningServer;
const sessions: Session[] = [];

beforeAll(async () => {
  server = await startServer();
  for (const u of ['calltaker', 'dispatcher', 'station', 'supervisor'])
    sessions.push(await login(server.url, u));
});

afterAll(async () => {
  await server.kill();
});

const segment = fc.oneof(
  fc.integer({ min: -5, max: 3_000_000_000 }).map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('1', '0', '%00', '..', 'null', 'other', '%27%3B'),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.double().map(String),
  fc.constantFrom('91,14', '-0', 'true', ''),
);
const body = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '[]', '{"type":null}', '{"location":{"lat":1e999}}', 'A"ML=1;lt=+91'),
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
            const res = await request(server.url, spec.method, path, {
              ...(spec.method === 'GET' ? {} : { raw }),
              headers: { cookie: s.cookie, ...(contentType ? { 'content-type': contentType } : {}) },
            });
            expect(
              res.status,
              `${spec.method} ${path} ${raw.slice(0, 80)} → ${JSON.stringify(res.body).slice(0, 200)}`,
            ).toBeLessThan(500);
          },
        ),
        { numRuns: id === 'login' ? 15 : 40 },
      );
    });
  }
});

describe('fuzzing the socket', () => {
  it('garbage frames get error frames, the socket and the server stay up', async () => {
    const supervisor = await login(server.url, 'supervisor');
    const s = await TestSocket.open(server.url, { cookie: supervisor.cookie });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
          fc
            .record({
              type: fc.constantFrom('subscribe', 'ping', 'alert.ack', 'alert.delivered', 'x'),
              since: fc.anything(),
              alertId: fc.anything(),
            })
            .map((v) => JSON.stringify(v)),
        ),
        async (frame) => {
          const before = s.frames.length;
          s.send(frame);
          s.send({ type: 'ping' });
          await s.waitFor((f) => f.type === 'pong' && s.frames.indexOf(f) >= before);
        },
      ),
      { numRuns: 15 },
    );
    expect(s.closed).toBeNull();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await s.close();
  });
});
