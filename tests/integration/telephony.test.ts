import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDto } from '../../lib/telephony/call-dto';
import { FIRE_IN_LJUBLJANA, login, request, type Session } from '../helpers/api';
import { freePort, type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';
import {
  type Edge,
  type Phone,
  placeCall,
  startEdge,
  startPhone,
  TELEPHONY_TOKEN,
  withLocation,
} from '../helpers/telephony';

// Real telephony on loopback: Kamailio as the centre's SIP edge (deploy/kamailio), SIPp as callers
// and as the phones of positions pos-01 and pos-02, the CAD with PostgreSQL behind it.

let server: RunningServer;
let port: number;
let edge: Edge;
let phones: Phone[] = [];
let ana: Session;
let luka: Session;
let anaId: number;
let lukaId: number;

const serverEnv = () => ({
  TELEPHONY_TOKEN,
  TELEPHONY_CONTROL_URL: edge.controlUrl,
  LOCATION_DEREFERENCE_TIMEOUT_MS: '1500',
});
const shape = (name: string) => readFileSync(`tests/fixtures/standards/pidf-lo/${name}.xml`, 'utf8');
let numberSeq = Math.floor(Math.random() * 9000) + 1000;
const nextNumber = () => `+386401${String(numberSeq++).padStart(5, '0')}`;

beforeAll(async () => {
  port = await freePort();
  // The edge starts first: what it reports before the CAD is up waits in its outbox.
  edge = await startEdge({ cadUrl: `http://127.0.0.1:${port}` });
  server = await startServer({ port, env: serverEnv() });
  ana = await login(server.url, 'calltaker');
  luka = await login(server.url, 'calltaker2');
  anaId = (await ana.get('/api/me')).body.id;
  lukaId = (await luka.get('/api/me')).body.id;
  expect((await ana.send('POST', '/api/me/position', { position: 'pos-01' })).status).toBe(200);
  expect((await luka.send('POST', '/api/me/position', { position: 'pos-02' })).status).toBe(200);
  phones = [await startPhone(edge, 'pos-01'), await startPhone(edge, 'pos-02')];
}, 120_000);

afterAll(async () => {
  for (const p of phones) p.stop();
  await edge?.stop();
  await server?.kill();
});

async function callOf(caller: string, pred: (c: CallDto) => boolean = () => true, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last: CallDto | undefined;
  for (;;) {
    const res = await ana.get('/api/calls?list=recent');
    last = (res.body as CallDto[]).find((c) => c.caller === caller);
    if (last && pred(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`call ${caller}: ${JSON.stringify(last)}\n--- edge:\n${edge.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('calls from the SIP edge', () => {
  it('reads the location of every RFC 5491 shape and a civic address, on calls arriving at once', async () => {
    const shapes = [
      'point',
      'circle',
      'ellipse',
      'arcband',
      'polygon',
      'sphere',
      'ellipsoid',
      'prism',
      'civic',
    ];
    const numbers = shapes.map(() => nextNumber());
    const runs = shapes.map((s, i) =>
      placeCall(edge, {
        from: numbers[i] as string,
        ...withLocation(shape(s)),
        headers: `P-Asserted-Identity: <tel:${numbers[i]}>\n${withLocation(shape(s)).headers}`,
        answerBy: 'pos-01',
        talkMs: 300,
      }),
    );
    const codes = await Promise.all(runs.map((r) => r.done));
    expect(codes, runs.map((r) => r.output()).join('\n')).toEqual(shapes.map(() => 0));
    const calls = Object.fromEntries(
      await Promise.all(
        shapes.map(async (s, i) => [s, await callOf(numbers[i] as string, (c) => c.state === 'ended')]),
      ),
    ) as Record<string, CallDto>;

    expect(calls.point?.location).toMatchObject({
      position: { lat: -34.407, lon: 150.883 },
      accuracyM: null,
    });
    expect(calls.circle?.location).toMatchObject({
      position: { lat: 42.5463, lon: -73.2512 },
      accuracyM: 850.24,
      confidencePct: 67,
      method: 'A-GPS',
      shape: { kind: 'circle' },
    });
    // D96/TM is computed for any position (far outside Slovenia it is merely a large number).
    expect(calls.circle?.location.position?.d96.e).toEqual(expect.any(Number));
    expect(calls.ellipse?.location).toMatchObject({
      accuracyM: 1275,
      shape: { kind: 'ellipse', orientationDeg: 43.2 },
    });
    // The arc band's middle: 3871 m from the centre at 30°; the farthest corner about 1 km from it.
    const arc = calls.arcband?.location;
    expect(arc?.position?.lat).toBeCloseTo(-43.5421, 3);
    expect(arc?.position?.lon).toBeCloseTo(153.2417, 3);
    expect(arc?.accuracyM).toBeGreaterThan(600);
    expect(arc?.accuracyM).toBeLessThan(1500);
    // The polygon's centroid on the spheroid by PostGIS, and its farthest vertex (~17 km).
    const poly = calls.polygon?.location;
    expect(poly?.position?.lat).toBeCloseTo(43.269, 2);
    expect(poly?.position?.lon).toBeCloseTo(-73.272, 2);
    expect(poly?.accuracyM).toBeGreaterThan(12_000);
    expect(poly?.accuracyM).toBeLessThan(20_000);
    expect(calls.sphere?.location).toMatchObject({
      accuracyM: 850.24,
      shape: { kind: 'sphere', altitudeM: 26.3 },
    });
    expect(calls.ellipsoid?.location).toMatchObject({ accuracyM: 7.7156 });
    expect(calls.prism?.location.position?.lat).toBeCloseTo(42.6068, 3);
    expect(calls.civic?.location).toMatchObject({ position: null, shape: null });
    expect(calls.civic?.location.civic).toContain('Flinders Street, 2500 Wollongong');
    expect(calls.civic?.doubts).toContain('civic_not_found');
    // Lists carry no INVITE; the call's detail has it as the edge received it.
    expect(calls.circle).not.toHaveProperty('raw');
    const detail = await ana.get(`/api/calls/${calls.circle?.id}`);
    expect(detail.body.raw).toMatch(/^INVITE urn:service:sos SIP\/2\.0\r\n/);
    expect(detail.body.raw).toContain('<gs:radius uom="urn:ogc:def:uom:EPSG::9001">850.24</gs:radius>');
    for (const s of shapes.filter((x) => x !== 'civic')) expect(calls[s]?.doubts, s).toEqual([]);
    for (const c of Object.values(calls)) {
      expect(c.answeredByPosition).toBe('pos-01');
      expect(c.answeredByUserId).toBe(anaId);
      expect(c.endReason).toBe('caller');
      expect(Date.parse(c.answeredAt ?? '')).toBeGreaterThanOrEqual(Date.parse(c.offeredAt));
    }
  }, 90_000);

  it('a call without a location and without an asserted number still reaches the queue, flagged', async () => {
    const number = nextNumber();
    const run = placeCall(edge, { from: number, answerBy: 'pos-01', talkMs: 200 });
    expect(await run.done, run.output()).toBe(0);
    const c = await callOf(number, (x) => x.state === 'ended');
    expect(c.location.position).toBeNull();
    expect(c.doubts).toEqual(['identity_unasserted']);
  });

  it('a malformed body and a bad coordinate: the call is queued with its number, the problem shown', async () => {
    const number = nextNumber();
    const bad = shape('point').replace('-34.407 150.883', '134.4 999');
    const run = placeCall(edge, {
      from: number,
      headers: `P-Asserted-Identity: <tel:${number}>\nGeolocation: <cid:nowhere@x>\n`,
      contentType: 'multipart/mixed; boundary=boundary1',
      body: `--boundary1\nContent-Type: application/pidf+xml\nContent-ID: <loc@x>\n\n${bad}\n--boundary1--\n`,
      answerBy: 'pos-01',
      talkMs: 200,
    });
    expect(await run.done, run.output()).toBe(0);
    const c = await callOf(number, (x) => x.state === 'ended');
    expect(c.caller).toBe(number);
    expect(c.location.position).toBeNull();
    expect(c.doubts).toEqual(expect.arrayContaining(['geolocation_part_missing', 'coordinate_invalid']));
  });

  it('two calls at once ring at both positions; each is answered at one, and opens there', async () => {
    const anaSocket = await TestSocket.open(server.url, { cookie: ana.cookie });
    const lukaSocket = await TestSocket.open(server.url, { cookie: luka.cookie });
    await anaSocket.subscribe(null);
    await lukaSocket.subscribe(null);
    const [a, b] = [nextNumber(), nextNumber()];
    const runs = [
      placeCall(edge, {
        from: a,
        headers: `P-Asserted-Identity: <tel:${a}>\n`,
        answerBy: 'pos-01',
        talkMs: 1500,
      }),
      placeCall(edge, {
        from: b,
        headers: `P-Asserted-Identity: <tel:${b}>\n`,
        answerBy: 'pos-02',
        talkMs: 1500,
      }),
    ];
    const offered = await anaSocket.event('call.offered', (f) => f.data.call.caller === a);
    expect(offered.data.call.state).toBe('waiting');
    await lukaSocket.event('call.offered', (f) => f.data.call.caller === a);
    const answeredA = await anaSocket.event('call.answered', (f) => f.data.call.caller === a);
    const answeredB = await lukaSocket.event('call.answered', (f) => f.data.call.caller === b);
    expect(answeredA.data.call).toMatchObject({ answeredByPosition: 'pos-01', answeredByUserId: anaId });
    expect(answeredB.data.call).toMatchObject({ answeredByPosition: 'pos-02', answeredByUserId: lukaId });
    expect(await Promise.all(runs.map((r) => r.done))).toEqual([0, 0]);
    const ca = await callOf(a, (x) => x.state === 'ended');
    expect(ca.ringingPositions.sort()).toEqual(['pos-01', 'pos-02']);
    await anaSocket.close();
    await lukaSocket.close();
  }, 30_000);

  it('an abandoned call goes to the call-back list; the call-back is recorded once', async () => {
    const number = nextNumber();
    const run = placeCall(edge, {
      from: number,
      ...withLocation(shape('circle')),
      headers: `P-Asserted-Identity: <tel:${number}>\n${withLocation(shape('circle')).headers}`,
      abandonMs: 1200,
    });
    expect(await run.done, run.output()).toBe(0);
    const c = await callOf(number, (x) => x.state === 'abandoned');
    expect(c).toMatchObject({ endReason: 'cancelled', answeredAt: null, callback: null });
    expect(c.location.accuracyM).toBe(850.24);
    const list = (await ana.get('/api/calls?list=callback')).body as CallDto[];
    expect(list.map((x) => x.id)).toContain(c.id);
    const key = { 'idempotency-key': `cb-${c.id}` };
    const first = await ana.send(
      'POST',
      `/api/calls/${c.id}/callback`,
      { outcome: 'no_answer', note: 'ni odziva' },
      key,
    );
    expect(first.status).toBe(200);
    expect(first.body.callback).toMatchObject({ outcome: 'no_answer', note: 'ni odziva', byUserId: anaId });
    const again = await ana.send(
      'POST',
      `/api/calls/${c.id}/callback`,
      { outcome: 'no_answer', note: 'ni odziva' },
      key,
    );
    expect(again.body).toEqual(first.body);
    const later = await luka.send('POST', `/api/calls/${c.id}/callback`, { outcome: 'reached', note: '' });
    expect(later.body.callback.outcome).toBe('no_answer');
    const bad = await ana.send('POST', `/api/calls/${c.id}/callback`, { outcome: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.outcome');
  });

  it('a call is attached to an incident and transferred to the police: the edge refers the caller', async () => {
    const number = nextNumber();
    const anaSocket = await TestSocket.open(server.url, { cookie: ana.cookie });
    await anaSocket.subscribe(null);
    const run = placeCall(edge, {
      from: number,
      headers: `P-Asserted-Identity: <tel:${number}>\n`,
      answerBy: 'pos-01',
      talkMs: 20_000,
    });
    const answered = await anaSocket.event('call.answered', (f) => f.data.call.caller === number);
    const id = answered.data.call.id;
    const inc = await ana.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      caller: { phone: number, name: '' },
    });
    expect(inc.status).toBe(201);
    const linked = await ana.send('POST', `/api/calls/${id}/incident`, { incidentId: inc.body.id });
    expect(linked.body.incidentId).toBe(inc.body.id);
    expect((await ana.send('POST', `/api/calls/${id}/transfer`, { target: 'NOPE' })).status).toBe(400);
    const t = await ana.send('POST', `/api/calls/${id}/transfer`, { target: 'PU-LJ' });
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    expect(t.body).toMatchObject({ state: 'transferred', transferredTo: 'sip:113-lj@gw.reco.local' });
    // The caller's side got the REFER (202) and the centre's leg ended: SIPp's caller completes.
    expect(await run.done, run.output()).toBe(0);
    const detail = await ana.get(`/api/incidents/${inc.body.id}`);
    const kinds = (detail.body.notes as { kind: string; text: string }[]).map((n) => `${n.kind}:${n.text}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^call_linked:\+386/),
        expect.stringMatching(/^call_transferred:PU Ljubljana/),
      ]),
    );
    const again = await ana.send('POST', `/api/calls/${id}/transfer`, { target: 'PU-LJ' });
    expect(again.body.state).toBe('transferred');
    // The incident's replay starts at the call's first ring and tells the call's whole life.
    const replay = await (await login(server.url, 'supervisor')).get(`/api/incidents/${inc.body.id}/replay`);
    expect(replay.status).toBe(200);
    const types = (replay.body.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['call.offered', 'call.answered', 'call.linked', 'call.transferred']),
    );
    expect(types.indexOf('call.offered')).toBeLessThan(types.indexOf('incident.created'));
    await anaSocket.close();
  }, 40_000);

  it('a repeat caller: the queue says the number called before and which incident it called about', async () => {
    const number = nextNumber();
    const first = placeCall(edge, {
      from: number,
      headers: `P-Asserted-Identity: <tel:${number}>\n`,
      abandonMs: 500,
    });
    expect(await first.done).toBe(0);
    await callOf(number, (x) => x.state === 'abandoned');
    // The incident has the number as a call-taker typed it: national form, spaces.
    const typed = `0${number.slice(4, 6)} ${number.slice(6, 9)} ${number.slice(9)}`;
    const inc = await ana.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      caller: { phone: typed, name: '' },
    });
    expect(inc.status).toBe(201);
    const again = placeCall(edge, {
      from: number,
      headers: `P-Asserted-Identity: <tel:${number}>\n`,
      answerBy: 'pos-01',
      talkMs: 200,
    });
    expect(await again.done).toBe(0);
    const calls = ((await ana.get('/api/calls?list=recent')).body as CallDto[]).filter(
      (c) => c.caller === number,
    );
    const second =
      calls.find((c) => c.state !== 'abandoned') ?? (await callOf(number, (x) => x.state === 'ended'));
    expect(second.history).toEqual({ calls: 1, incidents: [{ id: inc.body.id, number: inc.body.number }] });
  });

  it('a location by reference is fetched from the LIS with HELD after the call is queued', async () => {
    const requests: { method: string; type: string; body: string }[] = [];
    const lis = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        requests.push({ method: req.method ?? '', type: req.headers['content-type'] ?? '', body });
        res.writeHead(200, { 'content-type': 'application/held+xml;charset=utf-8' });
        res.end(
          `<?xml version="1.0"?><locationResponse xmlns="urn:ietf:params:xml:ns:geopriv:held">${shape(
            'circle',
          )
            .replace(/<\?xml[^>]*>/, '')
            .replace('42.5463 -73.2512', '46.0569 14.5058')}</locationResponse>`,
        );
      });
    });
    await new Promise<void>((r) => lis.listen(0, '127.0.0.1', r));
    const addr = lis.address();
    const lisPort = typeof addr === 'object' && addr ? addr.port : 0;
    const number = nextNumber();
    const run = placeCall(edge, {
      from: number,
      headers: `P-Asserted-Identity: <tel:${number}>\nGeolocation: <http://127.0.0.1:${lisPort}/loc/${number}>\n`,
      answerBy: 'pos-01',
      talkMs: 300,
    });
    expect(await run.done, run.output()).toBe(0);
    const c = await callOf(number, (x) => x.location.position !== null);
    lis.close();
    expect(c.location).toMatchObject({
      position: { lat: 46.0569, lon: 14.5058 },
      accuracyM: 850.24,
      reference: `http://127.0.0.1:${lisPort}/loc/${number}`,
    });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.type).toMatch(/^application\/held\+xml/);
    expect(requests[0]?.body).toContain('urn:ietf:params:xml:ns:geopriv:held');
    // A reference nobody answers: the call keeps no position and says so.
    const other = nextNumber();
    const run2 = placeCall(edge, {
      from: other,
      headers: `P-Asserted-Identity: <tel:${other}>\nGeolocation: <http://127.0.0.1:9/loc>\n`,
      answerBy: 'pos-01',
      talkMs: 300,
    });
    expect(await run2.done).toBe(0);
    const c2 = await callOf(other, (x) => x.doubts.includes('dereference_failed'));
    expect(c2.location.position).toBeNull();
  });

  it('the statistics count the calls: time to answer, answered within 10 s, abandoned, by position', async () => {
    const stats = (await (await login(server.url, 'supervisor')).get('/api/stats/summary')).body;
    expect(stats.calls.total).toBeGreaterThanOrEqual(15);
    expect(stats.calls.abandoned).toBeGreaterThanOrEqual(1);
    expect(stats.calls.answerMedianS).toBeGreaterThanOrEqual(0);
    expect(stats.calls.answerMedianS).toBeLessThan(10);
    expect(stats.calls.answeredWithin10sShare).toBe(1);
    // Today's statistics: other files' calls (other centres' positions) may be in them too.
    expect(stats.calls.perPosition.map((p: { position: string }) => p.position)).toEqual(
      expect.arrayContaining(['pos-01', 'pos-02']),
    );
    expect(stats.calls.perHour.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(
      stats.calls.total,
    );
  });

  it('a CAD restart while calls ring loses nothing: the edge delivers what happened meanwhile, in order', async () => {
    await server.kill('SIGKILL');
    const number = nextNumber();
    const run = placeCall(edge, {
      from: number,
      headers: `P-Asserted-Identity: <tel:${number}>\n`,
      answerBy: 'pos-01',
      talkMs: 1000,
    });
    const abandonedNumber = nextNumber();
    const gone = placeCall(edge, {
      from: abandonedNumber,
      headers: `P-Asserted-Identity: <tel:${abandonedNumber}>\n`,
      abandonMs: 500,
    });
    expect(await Promise.all([run.done, gone.done])).toEqual([0, 0]);
    server = await startServer({ port, env: serverEnv() });
    const c = await callOf(number, (x) => x.state === 'ended', 20_000);
    expect(c).toMatchObject({ answeredByPosition: 'pos-01', endReason: 'caller' });
    expect(c.doubts).toEqual([]);
    const a = await callOf(abandonedNumber, (x) => x.state === 'abandoned', 20_000);
    expect(a.endReason).toBe('cancelled');
    // Each event applied once: one offer, one answer, one end for the call in the log.
    const supervisor = await login(server.url, 'supervisor');
    const audit = await supervisor.get('/api/audit?type=call.&limit=1000');
    const mine = (audit.body.entries as { type: string; data: { call?: CallDto } }[])
      .filter((e) => e.data.call?.caller === number)
      .map((e) => e.type)
      .sort();
    expect(mine).toEqual(['call.answered', 'call.ended', 'call.offered', 'call.ringing', 'call.ringing']);
  }, 60_000);
});

describe('positions', () => {
  it('one call-taker per position; a position whose holder signed out is free again', async () => {
    // A call-taker of this test's own (a demo account may be signed in by other suites too).
    const supervisor = await login(server.url, 'supervisor');
    const username = `ct-${Date.now()}`;
    const made = await supervisor.send('POST', '/api/users', {
      username,
      displayName: 'Nina Test',
      role: 'call_taker',
      password: 'position-test-112',
    });
    expect(made.status).toBe(201);
    const nina = await login(server.url, username, 'position-test-112');
    const seat = `pos-t${Date.now() % 100_000}`;
    expect((await nina.send('POST', '/api/me/position', { position: seat })).status).toBe(200);
    const taken = await luka.send('POST', '/api/me/position', { position: seat });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields[0].field).toBe('body.position');
    const listed = (await ana.get('/api/telephony/positions')).body as {
      position: string;
      userId: number | null;
    }[];
    expect(listed.find((p) => p.position === seat)?.userId).toEqual(expect.any(Number));
    expect(listed.find((p) => p.position === 'pos-01')).toMatchObject({ userId: anaId, registered: true });
    await nina.send('POST', '/api/auth/logout');
    const free = (await ana.get('/api/telephony/positions')).body as {
      position: string;
      userId: number | null;
    }[];
    expect(free.find((p) => p.position === seat)?.userId).toBeNull();
    expect((await luka.send('POST', '/api/me/position', { position: seat })).status).toBe(200);
    expect((await luka.send('POST', '/api/me/position', { position: 'pos-02' })).status).toBe(200);
    const bad = await luka.send('POST', '/api/me/position', { position: 'pos 02; drop' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.position');
  });
});

describe('the telephony endpoint takes only the edge', () => {
  const event = (over: Record<string, unknown> = {}) => ({
    id: `t-${Math.random()}`,
    event: 'offered',
    callId: `forged-${Math.random()}@x`,
    at: String(Date.now() / 1000),
    message: Buffer.from('INVITE urn:service:sos SIP/2.0\r\nFrom: <tel:+38640999999>;tag=1\r\n\r\n').toString(
      'base64',
    ),
    ...over,
  });

  it('refuses events without the token or with a wrong one, and malformed ones naming the field', async () => {
    const send = (body: unknown, token?: string) =>
      request(server.url, 'POST', '/api/telephony/events', {
        body,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await send(event())).status).toBe(401);
    expect((await send(event(), 'wrong-token-wrong-token')).status).toBe(401);
    const bad = await send(event({ event: 'exploded' }), TELEPHONY_TOKEN);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.event');
    const badAt = await send(event({ at: 'yesterday' }), TELEPHONY_TOKEN);
    expect(badAt.body.error.fields[0].field).toBe('body.at');
    const garbled = await request(server.url, 'POST', '/api/telephony/events', {
      raw: '{"id": ',
      headers: { authorization: `Bearer ${TELEPHONY_TOKEN}` },
    });
    expect(garbled.status).toBe(400);
  });

  it('applies an event once however often it is delivered; garbage in the INVITE is a doubt', async () => {
    const e = event({ message: Buffer.from([0, 1, 2, 3, 255]).toString('base64') });
    const send = () =>
      request(server.url, 'POST', '/api/telephony/events', {
        body: e,
        headers: { authorization: `Bearer ${TELEPHONY_TOKEN}` },
      });
    const first = await send();
    expect(first.body).toMatchObject({ applied: true });
    expect((await send()).body).toMatchObject({ applied: false, callId: null });
    const c = (await ana.get(`/api/calls/${first.body.callId}`)).body as CallDto;
    expect(c.state).toBe('waiting');
    expect(c.doubts).toEqual(expect.arrayContaining(['message_unreadable', 'identity_missing']));
    // A forged call must not stay in the queue for this suite's later readers.
    await request(server.url, 'POST', '/api/telephony/events', {
      body: { ...e, id: `${e.id}-end`, event: 'abandoned', reason: 'cancelled' },
      headers: { authorization: `Bearer ${TELEPHONY_TOKEN}` },
    });
  });
});
