import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request, type Session } from '../helpers/api';
import { rawClient } from '../helpers/db';
import { freePort, type RunningServer, startServer } from '../helpers/server';
import {
  type Edge,
  type Phone,
  placeCall,
  startEdge,
  startPhone,
  TELEPHONY_TOKEN,
} from '../helpers/telephony';

// The telephony follows the centres' state (issue 20): Kamailio asks the CAD before it rings
// (GET /api/telephony/route/{centre}) and rings the ring group of the centre handling the region now.
// Real SIP on loopback: SIPp callers dial 112-kp, SIPp phones sit at Koper's and Nova Gorica's positions.

let server: RunningServer;
let edge: Edge;
let phones: Phone[] = [];
let raw: pg.Client;
let national: Session;
const ids: Record<string, number> = {};
let seq = Math.floor(Math.random() * 90000) + 10000;
const nextNumber = () => `+386402${String(seq++).padStart(5, '0')}`;

beforeAll(async () => {
  const port = await freePort();
  const controlPort = await freePort();
  server = await startServer({
    port,
    env: { TELEPHONY_TOKEN, TELEPHONY_CONTROL_URL: `http://127.0.0.1:${controlPort}` },
  });
  edge = await startEdge({ cadUrl: server.url, controlPort, ringMs: 4000 });
  phones = [await startPhone(edge, 'pos-kp-01'), await startPhone(edge, 'pos-ng-01')];
  raw = await rawClient();
  for (const r of (await raw.query('select id, code from centres')).rows) ids[r.code] = r.id;
  await raw.query('update centre_takeovers set ended_at = now(), ended_by_name = $1 where ended_at is null', [
    'test',
  ]);
  national = await login(server.url, 'national');
});

afterAll(async () => {
  await raw.query('update centre_takeovers set ended_at = now(), ended_by_name = $1 where ended_at is null', [
    'test',
  ]);
  for (const p of phones) p.stop();
  await edge?.stop();
  await raw?.end();
  await server?.kill();
});

/** A call to Koper's 112 answered by the named position; the CAD's row of it once it is over. */
async function callKoper(answerBy: string) {
  const from = nextNumber();
  const run = placeCall(edge, {
    from,
    ruri: `sip:112-kp@127.0.0.1:${edge.sipPort}`,
    headers: `P-Asserted-Identity: <tel:${from}>\n`,
    answerBy,
    talkMs: 300,
  });
  const code = await run.done;
  expect(code, run.output()).toBe(0);
  for (let i = 0; i < 50; i++) {
    const r = await raw.query(
      `select k.answered_by_position, c.code as centre, r.code as routed, k.state
         from calls k join centres c on c.id = k.centre_id join centres r on r.id = k.routed_centre_id
        where k.caller = $1`,
      [from],
    );
    if (r.rows[0]?.state === 'ended') return r.rows[0];
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`the call from ${from} did not end in the CAD`);
}

describe('the SIP edge follows take-overs', () => {
  it("rings Koper's positions, then Nova Gorica's during the take-over, then Koper's again", async () => {
    const own = await callKoper('pos-kp-01');
    expect(own).toMatchObject({ answered_by_position: 'pos-kp-01', centre: 'KP', routed: 'KP' });

    const start = await national.send('POST', `/api/centres/${ids.KP}/takeover`, { reason: 'evacuation' });
    expect(start.status).toBe(201);
    const taken = await callKoper('pos-ng-01');
    expect(taken).toMatchObject({ answered_by_position: 'pos-ng-01', centre: 'KP', routed: 'NG' });

    expect((await national.send('POST', `/api/centres/${ids.KP}/takeover/end`)).status).toBe(200);
    const back = await callKoper('pos-kp-01');
    expect(back).toMatchObject({ answered_by_position: 'pos-kp-01', centre: 'KP', routed: 'KP' });
  });

  it("rings the call's own centre when nobody is registered at the partner", async () => {
    // Postojna's partner is Ljubljana; with no Ljubljana position registered here, Koper's partner
    // for this test is Postojna (no phones), so the call rings Koper's own positions rather than nobody.
    const start = await national.send('POST', `/api/centres/${ids.KP}/takeover`, {
      reason: 'night',
      partnerId: ids.PO,
    });
    expect(start.status).toBe(201);
    const call = await callKoper('pos-kp-01');
    expect(call).toMatchObject({ answered_by_position: 'pos-kp-01', centre: 'KP' });
    await national.send('POST', `/api/centres/${ids.KP}/takeover/end`);
  });

  it('answers the routing question to the edge only, for a known code, in a shape the edge reads', async () => {
    const h = { authorization: `Bearer ${TELEPHONY_TOKEN}` };
    const ok = await request(server.url, 'GET', '/api/telephony/route/ng', { headers: h });
    expect(ok.body).toEqual({
      centre: 'NG',
      known: true,
      route: 'NG',
      group: 'calltakers-ng',
      takeover: null,
    });
    const unknown = await request(server.url, 'GET', '/api/telephony/route/zz', { headers: h });
    expect(unknown.body).toMatchObject({ known: false, group: '' });
    expect((await request(server.url, 'GET', '/api/telephony/route/ng')).status).toBe(401);
    expect((await national.get('/api/telephony/route/ng')).status).toBe(401);
  });
});
