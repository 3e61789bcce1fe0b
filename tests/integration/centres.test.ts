import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentreLoadDto } from '../../lib/centres/centre-dto';
import { FIRE_IN_LJUBLJANA, login, request, type Session } from '../helpers/api';
import { rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';
import { TELEPHONY_TOKEN } from '../helpers/telephony';

// Thirteen centres on one system (issue 20): regions by location (and at a border), take-over by a
// decision and by the queue, with open incidents and waiting calls on both sides of it, hand-overs of
// incidents between centres with ownership on acknowledgement, and the national picture's figures.

let server: RunningServer;
let raw: pg.Client;
let s: Record<string, Session>;
const ids: Record<string, number> = {};

// Seats of municipalities (GeoNames): Sežana is in ReCO Koper's region, Ajdovščina in Nova Gorica's.
const SEZANA = { lat: 45.70924, lon: 13.87333 };
const AJDOVSCINA = { lat: 45.88694, lon: 13.90472 };
const KOPER = { lat: 45.54694, lon: 13.72944 };

let callSeq = Math.floor(Math.random() * 1e6);
const edge = (body: unknown) =>
  request(server.url, 'POST', '/api/telephony/events', {
    body,
    headers: { authorization: `Bearer ${TELEPHONY_TOKEN}` },
  });
const invite = (from: string) =>
  Buffer.from(
    `INVITE urn:service:sos SIP/2.0\r\nFrom: <tel:${from}>;tag=1\r\nTo: <urn:service:sos>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n`,
  ).toString('base64');
/** Offers a call for a centre through the edge's API; returns the CAD's call id. */
async function offer(centre: string | undefined, opts: { from?: string } = {}) {
  const callId = `centres-${callSeq++}@edge`;
  const r = await edge({
    id: `${callId}-o`,
    event: 'offered',
    callId,
    at: String(Date.now() / 1000),
    message: invite(opts.from ?? `+3864055${String(callSeq).slice(-5)}`),
    ...(centre ? { centre } : {}),
  });
  expect(r.status).toBe(200);
  return { sipCallId: callId, id: r.body.callId as number };
}
const endCall = (sipCallId: string) =>
  edge({
    id: `${sipCallId}-e`,
    event: 'abandoned',
    callId: sipCallId,
    at: String(Date.now() / 1000),
    reason: 'cancelled',
  });
const answer = (sipCallId: string, position: string) =>
  edge({
    id: `${sipCallId}-a`,
    event: 'answered',
    callId: sipCallId,
    at: String(Date.now() / 1000),
    position,
  });
const routedOf = async (callId: number) =>
  (
    await raw.query(
      'select c.code from calls k join centres c on c.id = k.routed_centre_id where k.id = $1',
      [callId],
    )
  ).rows[0]?.code as string;
const centreOfIncident = async (id: number) =>
  (
    await raw.query('select c.code from incidents i join centres c on c.id = i.centre_id where i.id = $1', [
      id,
    ])
  ).rows[0]?.code as string;
const loads = async (who: Session) => {
  const r = await who.get('/api/centres');
  expect(r.status).toBe(200);
  return new Map((r.body as CentreLoadDto[]).map((c) => [c.code, c]));
};

beforeAll(async () => {
  server = await startServer({ env: { TELEPHONY_TOKEN } });
  raw = await rawClient();
  s = {};
  for (const u of [
    'calltaker',
    'dispatcher',
    'supervisor',
    'calltaker-kp',
    'dispatcher-kp',
    'supervisor-kp',
    'dispatcher-ng',
    'supervisor-ng',
    'national',
  ])
    s[u] = await login(server.url, u);
  for (const r of (await raw.query('select id, code from centres')).rows) ids[r.code] = r.id;
  // Earlier files may have left waiting calls or a take-over: this file starts from a quiet country.
  await raw.query(`update calls set state = 'abandoned', end_reason = 'cancelled' where state = 'waiting'`);
  await raw.query('update centre_takeovers set ended_at = now(), ended_by_name = $1 where ended_at is null', [
    'test',
  ]);
});

afterAll(async () => {
  await raw.query('update centre_takeovers set ended_at = now(), ended_by_name = $1 where ended_at is null', [
    'test',
  ]);
  await raw.query(`update centres set queue_threshold = 6`);
  await raw?.end();
  await server?.kill();
});

describe('regions', () => {
  it('has the 13 centres and puts every municipality in one region', async () => {
    const r = await raw.query('select code from centres order by sort');
    expect(r.rows.map((x) => x.code)).toEqual([
      'LJ',
      'MB',
      'CE',
      'KR',
      'KP',
      'NG',
      'NM',
      'MS',
      'PO',
      'PT',
      'SG',
      'TR',
      'BR',
    ]);
    const orphans = await raw.query('select name from municipalities where centre_id is null');
    expect(orphans.rows).toEqual([]);
    const per = await raw.query(
      'select c.code, count(*)::int as n from municipalities m join centres c on c.id = m.centre_id group by c.code',
    );
    expect(Object.fromEntries(per.rows.map((x) => [x.code, x.n]))).toMatchObject({
      KP: 8,
      NG: 13,
      TR: 3,
      PO: 6,
    });
  });

  it('gives an incident the centre of the region its position lies in, whoever logs it', async () => {
    for (const [where, code] of [
      [SEZANA, 'KP'],
      [AJDOVSCINA, 'NG'],
      [{ lat: 46.554, lon: 15.645 }, 'MB'],
    ] as const) {
      const r = await s.calltaker?.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, location: where });
      expect(r?.status).toBe(201);
      expect(await centreOfIncident(r?.body.id)).toBe(code);
      expect(r?.body.centreId).toBe(ids[code]);
      await s.dispatcher?.send('POST', `/api/incidents/${r?.body.id}/cancel`, { reason: 'test' });
    }
  });

  it('decides at a border by the municipality whose area covers the point, else the nearest seat', async () => {
    // A point between Sežana's and Ajdovščina's seats, nearer Ajdovščina: by seats it is Nova Gorica's.
    const p = { lat: 45.84, lon: 13.895 };
    const before = await s.calltaker?.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, location: p });
    expect(await centreOfIncident(before?.body.id)).toBe('NG');
    // With Sežana's boundary imported around the point, the area wins: Koper's region.
    await raw.query(
      `update municipalities set area = ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 3000)::geometry)::geography
        where name = 'Sežana'`,
      [p.lon, p.lat],
    );
    try {
      const after = await s.calltaker?.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, location: p });
      expect(await centreOfIncident(after?.body.id)).toBe('KP');
      await s.dispatcher?.send('POST', `/api/incidents/${after?.body.id}/cancel`, { reason: 'test' });
    } finally {
      await raw.query(`update municipalities set area = null where name = 'Sežana'`);
      await s.dispatcher?.send('POST', `/api/incidents/${before?.body.id}/cancel`, { reason: 'test' });
    }
  });

  it("files a call under the centre the edge names, else the caller's region; an unknown code is a doubt", async () => {
    const named = await offer('NG');
    expect(await routedOf(named.id)).toBe('NG');
    const unknown = await offer('XX');
    const call = (await s.calltaker?.get(`/api/calls/${unknown.id}`))?.body;
    expect(call.doubts).toContain('centre_unknown');
    expect(call.centreId).toBe(ids.LJ);
    await endCall(named.sipCallId);
    await endCall(unknown.sipCallId);
  });
});

describe('mutual aid', () => {
  it("recommends the nearest capable unit across the region's border and says so", async () => {
    // Komen is in Koper's region, 17 km from Nova Gorica's fire brigade and 30 km from Koper's.
    const komen = { lat: 45.8153, lon: 13.7483 };
    const inc = await s['calltaker-kp']?.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      location: komen,
    });
    expect(await centreOfIncident(inc?.body.id)).toBe('KP');
    const rec = await s['dispatcher-kp']?.get(`/api/incidents/${inc?.body.id}/recommendations`);
    expect(rec?.status).toBe(200);
    type Rec = { callsign: string; mutualAid: boolean; centreId: number; reason: { sl: string; en: string } };
    const all = [...((rec?.body.recommended ?? []) as Rec[]), ...((rec?.body.others ?? []) as Rec[])];
    const across = all.filter((r) => r.centreId === ids.NG);
    expect(across.length).toBeGreaterThan(0);
    for (const r of all) expect(r.mutualAid).toBe(r.centreId !== ids.KP);
    const first = rec?.body.recommended[0] as Rec;
    expect(first.centreId).toBe(ids.NG);
    expect(first.reason.en).toContain('mutual aid from Nova Gorica 112 Centre');
    expect(first.reason.sl).toContain('pomoč sosednje regije (ReCO Nova Gorica)');
    await s['dispatcher-kp']?.send('POST', `/api/incidents/${inc?.body.id}/cancel`, { reason: 'test' });
  });
});

describe('take-over by decision, and hand-back', () => {
  it('moves waiting calls and the telephony route to the partner, keeps every open incident, and moves them back', async () => {
    const kpIncident = await s['calltaker-kp']?.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      location: KOPER,
    });
    expect(kpIncident?.status).toBe(201);
    const ringing = await offer('KP');
    expect(await routedOf(ringing.id)).toBe('KP');
    const route = await request(server.url, 'GET', '/api/telephony/route/KP', {
      headers: { authorization: `Bearer ${TELEPHONY_TOKEN}` },
    });
    expect(route.body).toMatchObject({ centre: 'KP', route: 'KP', group: 'calltakers-kp', takeover: null });
    const openBefore = (await loads(s.national as Session)).get('KP')?.openIncidents ?? 0;

    const socket = await TestSocket.open(server.url, { cookie: s.national?.cookie ?? '' });
    await socket.subscribe(null);
    const started = await s['supervisor-kp']?.send('POST', `/api/centres/${ids.KP}/takeover`, {
      reason: 'evacuation',
      note: 'požarni alarm v stavbi',
    });
    expect(started?.status).toBe(201);
    expect(started?.body.takeover).toMatchObject({
      centreId: ids.KP,
      partnerId: ids.NG,
      reason: 'evacuation',
    });
    const frame = await socket.event('centre.takeover_started');
    expect(frame.data.calls.map((c) => c.id)).toContain(ringing.id);

    expect(await routedOf(ringing.id)).toBe('NG');
    const during = await request(server.url, 'GET', '/api/telephony/route/kp', {
      headers: { authorization: `Bearer ${TELEPHONY_TOKEN}` },
    });
    expect(during.body).toMatchObject({ centre: 'KP', route: 'NG', group: 'calltakers-ng' });
    expect(during.body.takeover.reason).toBe('evacuation');
    // A new call for Koper rings in Nova Gorica; an incident in Koper's region is still Koper's.
    const newCall = await offer('KP');
    expect(await routedOf(newCall.id)).toBe('NG');
    const newIncident = await s['dispatcher-ng']?.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      location: KOPER,
    });
    expect(await centreOfIncident(newIncident?.body.id)).toBe('KP');
    const national = await loads(s.national as Session);
    expect(national.get('KP')).toMatchObject({
      waitingCalls: 0,
      handledById: ids.NG,
      openIncidents: openBefore + 1,
    });
    expect(national.get('NG')?.waitingCalls).toBeGreaterThanOrEqual(2);

    // Nova Gorica dispatches the Koper incident with a unit of Koper's region.
    const free = await raw.query(
      `select u.id from units u join stations st on st.id = u.station_id
        where st.centre_id = $1 and u.status = 'available'
          and not exists (select 1 from assignments a where a.unit_id = u.id and a.released_at is null)
        order by u.id limit 1`,
      [ids.KP],
    );
    const unit = free.rows[0]?.id as number;
    expect(unit).toBeDefined();
    const assigned = await s['dispatcher-ng']?.send(
      'POST',
      `/api/incidents/${kpIncident?.body.id}/assignments`,
      {
        unitId: unit,
      },
    );
    expect(assigned?.status, JSON.stringify(assigned?.body)).toBe(201);

    // Koper takes its region back: the calls still waiting come back; nothing open is lost.
    const ended = await s['supervisor-kp']?.send('POST', `/api/centres/${ids.KP}/takeover/end`);
    expect(ended?.status).toBe(200);
    expect(ended?.body.takeover.endedByName).toBe('Nina Kocjančič');
    const back = await socket.event('centre.takeover_ended');
    expect(back.data.calls.map((c) => c.id).sort()).toEqual([ringing.id, newCall.id].sort());
    expect(await routedOf(ringing.id)).toBe('KP');
    expect(await routedOf(newCall.id)).toBe('KP');
    const after = await loads(s.national as Session);
    expect(after.get('KP')).toMatchObject({
      takeover: null,
      handledById: ids.KP,
      openIncidents: openBefore + 1,
      waitingCalls: 2,
    });
    const orphans = await raw.query(
      `select count(*)::int as n from incidents where status in ('new','dispatched','in_progress') and centre_id is null`,
    );
    expect(orphans.rows[0].n).toBe(0);
    socket.close();
    await endCall(ringing.sipCallId);
    await endCall(newCall.sipCallId);
    await s['dispatcher-kp']?.send('POST', `/api/incidents/${newIncident?.body.id}/cancel`, {
      reason: 'test',
    });
  });

  it('is decided by the two centres’ supervisors or national only, once at a time, and never in a chain', async () => {
    const path = `/api/centres/${ids.KP}/takeover`;
    expect((await s['dispatcher-kp']?.send('POST', path, { reason: 'night' }))?.status).toBe(403);
    expect((await s.supervisor?.send('POST', path, { reason: 'night' }))?.status).toBe(403);
    const bad = await s['supervisor-kp']?.send('POST', path, { reason: 'overflow' });
    expect(bad?.status).toBe(400);
    expect(bad?.body.error.fields[0].field).toBe('body.reason');
    const self = await s['supervisor-kp']?.send('POST', path, { reason: 'night', partnerId: ids.KP });
    expect(self?.status).toBe(400);
    // Nova Gorica's supervisor takes Koper over (Koper's desks are empty).
    expect((await s['supervisor-ng']?.send('POST', path, { reason: 'evacuation' }))?.status).toBe(201);
    const again = await s.national?.send('POST', path, { reason: 'night' });
    expect(again?.status).toBe(409);
    // Nova Gorica handles Koper: it cannot itself be taken over, and Koper cannot take another centre.
    const chain = await s.national?.send('POST', `/api/centres/${ids.NG}/takeover`, {
      reason: 'night',
      partnerId: ids.LJ,
    });
    expect(chain?.status).toBe(409);
    expect(chain?.body.error.fields[0].field).toBe('centre');
    const chain2 = await s.national?.send('POST', `/api/centres/${ids.PO}/takeover`, {
      reason: 'night',
      partnerId: ids.KP,
    });
    expect(chain2?.status).toBe(409);
    expect(chain2?.body.error.fields[0].field).toBe('partnerId');
    expect((await s['dispatcher-ng']?.send('POST', `${path}/end`))?.status).toBe(403);
    expect((await s.national?.send('POST', `${path}/end`))?.status).toBe(200);
    expect((await s.national?.send('POST', `${path}/end`))?.status).toBe(409);
    expect(
      (await s.national?.send('POST', '/api/centres/999999/takeover', { reason: 'night' }))?.status,
    ).toBe(404);
  });
});

describe('overflow on the queue threshold', () => {
  it("starts by itself when the centre's waiting calls reach the threshold, as one event, and ends by one action", async () => {
    await raw.query(`update centres set queue_threshold = 2 where code = 'KP'`);
    const socket = await TestSocket.open(server.url, { cookie: s['supervisor-kp']?.cookie ?? '' });
    await socket.subscribe(null);
    const a = await offer('KP');
    const b = await offer('KP');
    expect(await routedOf(b.id)).toBe('KP');
    const c = await offer('KP');
    const frame = await socket.event('centre.takeover_started');
    expect(frame.data.takeover).toMatchObject({
      reason: 'overflow',
      centreId: ids.KP,
      partnerId: ids.NG,
      startedByName: 'system',
    });
    // The call that crossed the threshold and the two before it are all at the partner now.
    expect([await routedOf(a.id), await routedOf(b.id), await routedOf(c.id)]).toEqual(['NG', 'NG', 'NG']);
    const events = await raw.query(
      `select count(*)::int as n from events where type = 'centre.takeover_started' and seq > $1`,
      [frame.seq - 1],
    );
    expect(events.rows[0].n).toBe(1);
    // Nova Gorica answers one; the answer time counts for Nova Gorica.
    await answer(a.sipCallId, 'pos-01');
    const view = await loads(s.national as Session);
    expect(view.get('NG')?.answeredLastHour).toBeGreaterThanOrEqual(1);
    expect(view.get('NG')?.answerMedianS).not.toBeNull();
    expect(view.get('KP')?.takeover?.reason).toBe('overflow');
    const end = await s['supervisor-kp']?.send('POST', `/api/centres/${ids.KP}/takeover/end`);
    expect(end?.status).toBe(200);
    expect([await routedOf(b.id), await routedOf(c.id)]).toEqual(['KP', 'KP']);
    // The answered call stays with whoever answered it.
    expect(await routedOf(a.id)).toBe('NG');
    socket.close();
    for (const x of [a, b, c]) await endCall(x.sipCallId);
  });
});

describe('hand-over between centres', () => {
  it('moves ownership on acknowledgement only, once, by the receiving centre', async () => {
    const inc = await s.calltaker?.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const id = inc?.body.id as number;
    expect(await centreOfIncident(id)).toBe('LJ');
    // Not Koper's to give away.
    const notOwner = await s['dispatcher-kp']?.send('POST', `/api/incidents/${id}/transfers`, {
      centreId: ids.NG,
      reason: 'x',
    });
    expect(notOwner?.status).toBe(403);
    const same = await s.dispatcher?.send('POST', `/api/incidents/${id}/transfers`, {
      centreId: ids.LJ,
      reason: 'x',
    });
    expect(same?.status).toBe(400);
    expect(same?.body.error.fields[0].field).toBe('centreId');
    const req = await s.dispatcher?.send('POST', `/api/incidents/${id}/transfers`, {
      centreId: ids.KP,
      reason: 'the caller is on the coast',
    });
    expect(req?.status).toBe(201);
    expect(req?.body).toMatchObject({ fromCentreCode: 'LJ', toCentreCode: 'KP', acceptedAt: null });
    const twice = await s.dispatcher?.send('POST', `/api/incidents/${id}/transfers`, {
      centreId: ids.NG,
      reason: 'x',
    });
    expect(twice?.status).toBe(409);
    // Until Koper acknowledges, the incident is Ljubljana's.
    expect(await centreOfIncident(id)).toBe('LJ');
    const pendingKp = (await s['dispatcher-kp']?.get('/api/transfers'))?.body as { id: number }[];
    expect(pendingKp.map((t) => t.id)).toContain(req?.body.id);
    const pendingNg = (await s['dispatcher-ng']?.get('/api/transfers'))?.body as { id: number }[];
    expect(pendingNg.map((t) => t.id)).not.toContain(req?.body.id);
    expect((await s.dispatcher?.send('POST', `/api/transfers/${req?.body.id}/accept`))?.status).toBe(403);
    const ok = await s['dispatcher-kp']?.send('POST', `/api/transfers/${req?.body.id}/accept`);
    expect(ok?.status).toBe(200);
    expect(ok?.body.acceptedByName).toBe('Matej Pečar');
    expect(await centreOfIncident(id)).toBe('KP');
    const again = await s['dispatcher-kp']?.send('POST', `/api/transfers/${req?.body.id}/accept`);
    expect(again?.status).toBe(200);
    const evs = await raw.query(
      `select type from events where incident_id = $1 and type like 'incident.transfer%' order by seq`,
      [id],
    );
    expect(evs.rows.map((r) => r.type)).toEqual([
      'incident.transfer_requested',
      'incident.transfer_accepted',
    ]);
    const detail = await s['dispatcher-kp']?.get(`/api/incidents/${id}`);
    expect(detail?.body.centreId).toBe(ids.KP);
    await s['dispatcher-kp']?.send('POST', `/api/incidents/${id}/cancel`, { reason: 'test' });
  });

  it('lets the centre handling a taken-over region accept for it', async () => {
    const inc = await s.calltaker?.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const req = await s.dispatcher?.send('POST', `/api/incidents/${inc?.body.id}/transfers`, {
      centreId: ids.KP,
      reason: 'x',
    });
    await s['supervisor-ng']?.send('POST', `/api/centres/${ids.KP}/takeover`, { reason: 'night' });
    try {
      const pending = (await s['dispatcher-ng']?.get('/api/transfers'))?.body as { id: number }[];
      expect(pending.map((t) => t.id)).toContain(req?.body.id);
      expect((await s['dispatcher-ng']?.send('POST', `/api/transfers/${req?.body.id}/accept`))?.status).toBe(
        200,
      );
      expect(await centreOfIncident(inc?.body.id)).toBe('KP');
    } finally {
      await s['supervisor-ng']?.send('POST', `/api/centres/${ids.KP}/takeover/end`);
      await s['dispatcher-kp']?.send('POST', `/api/incidents/${inc?.body.id}/cancel`, { reason: 'test' });
    }
  });
});

describe('the national picture', () => {
  it('counts open incidents, waiting calls, units by status and answer times per centre as the tables say', async () => {
    const view = await loads(s.national as Session);
    expect(view.size).toBe(13);
    const open = await raw.query(
      `select c.code, count(i.id)::int as n from centres c left join incidents i
         on i.centre_id = c.id and i.status in ('new','dispatched','in_progress') group by c.code`,
    );
    for (const r of open.rows) expect(view.get(r.code)?.openIncidents).toBe(r.n);
    const units = await raw.query(
      `select c.code, u.status, count(*)::int as n from units u join stations s on s.id = u.station_id
         join centres c on c.id = s.centre_id group by c.code, u.status`,
    );
    for (const r of units.rows) expect(view.get(r.code)?.units[r.status as 'available']).toBe(r.n);
    // A call-taker sees the same picture; a station does not.
    expect((await s.calltaker?.get('/api/centres'))?.status).toBe(200);
    const station = await login(server.url, 'station');
    expect((await station.get('/api/centres')).status).toBe(403);
  });

  it('refuses bad input with the field named and changes nothing', async () => {
    const before = (await raw.query('select count(*)::int as n from centre_takeovers')).rows[0].n;
    for (const body of [
      {},
      { reason: 'storm' },
      { reason: 'night', partnerId: -1 },
      { reason: 'night', partnerId: 'NG' },
    ]) {
      const r = await s.national?.send('POST', `/api/centres/${ids.KP}/takeover`, body);
      expect(r?.status).toBe(400);
      expect(r?.body.error.fields.length).toBeGreaterThan(0);
    }
    expect((await s.national?.send('POST', '/api/centres/abc/takeover', { reason: 'night' }))?.status).toBe(
      400,
    );
    const r = await request(server.url, 'GET', '/api/telephony/route/K%3BP', {
      headers: { authorization: `Bearer ${TELEPHONY_TOKEN}` },
    });
    expect(r.status).toBe(400);
    expect((await request(server.url, 'GET', '/api/telephony/route/KP')).status).toBe(401);
    expect((await raw.query('select count(*)::int as n from centre_takeovers')).rows[0].n).toBe(before);
  });
});
