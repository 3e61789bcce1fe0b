import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../lib/auth/manage-api-tokens';
import { login, type Session, sessionFor } from '../helpers/api';
import { openTestDb, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { FakeGateway } from '../helpers/sms-gateway';
import { TestSocket } from '../helpers/socket';

// SMS 112 through a local HTTP server playing the SMS gateway, in both directions: inbound with the
// gateway's token, outbound with retries while the gateway is down, and delivery reports.

const gw = new FakeGateway();
const RUN = Date.now().toString(36);
// Phone numbers unique per run: one conversation per number lives on between runs on one database.
const SUFFIX = String(Date.now()).slice(-6);
let server: RunningServer;
let raw: pg.Client;
let gateway: Session;
let calltaker: Session;

beforeAll(async () => {
  await gw.start();
  server = await startServer({
    env: { SMS_GATEWAY_URL: gw.url, SMS_GATEWAY_TOKEN: 'gw-secret', SMS_SENDER: '112' },
  });
  raw = await rawClient();
  const h = await openTestDb();
  const { token } = await createApiToken(h.db, null, {
    name: `sms-gateway-${RUN}`,
    role: 'call_taker',
    stationId: null,
  });
  await h.close();
  gateway = sessionFor(server.url, '', 'call_taker', token);
  calltaker = await login(server.url, 'calltaker');
});

afterAll(async () => {
  await raw.end();
  await server.kill();
  await gw.stop();
});

const inbound = (id: string, text: string, from = '041 555 123') =>
  gateway.send('POST', '/api/sms/inbound', {
    from,
    to: '112',
    text,
    receivedAt: new Date().toISOString(),
    id: `${RUN}-${id}`,
  });

describe('SMS 112', () => {
  it('lists the conversations I claimed', async () => {
    const inc = await inbound('mine', 'Rabim pomoč.', '+386 51 000 111');
    expect((await calltaker.send('POST', `/api/messages/${inc.body.conversationId}/claim`, {})).status).toBe(
      200,
    );
    const mine = (await calltaker.get('/api/messages?status=open&mine=true')).body as { id: number }[];
    expect(mine.map((c) => c.id)).toContain(inc.body.conversationId);
    const dispatcher = await login(server.url, 'dispatcher');
    const theirs = (await dispatcher.get('/api/messages?status=open&mine=true')).body as { id: number }[];
    expect(theirs.map((c) => c.id)).not.toContain(inc.body.conversationId);
  });

  it('stores an inbound SMS once per gateway id and shows it live in the inbox', async () => {
    const socket = await TestSocket.open(server.url, { cookie: calltaker.cookie });
    await socket.subscribe(null);
    const first = await inbound(
      '1',
      'Gluh sem. Prometna nesreča na Dunajski pri Ježici, dva avta.',
      `041 ${SUFFIX}`,
    );
    expect(first.status).toBe(201);
    expect(first.body.message.from).toBe(`+38641${SUFFIX}`);
    const again = await inbound(
      '1',
      'Gluh sem. Prometna nesreča na Dunajski pri Ježici, dva avta.',
      `041 ${SUFFIX}`,
    );
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(again.body.message.id).toBe(first.body.message.id);
    const ev = await socket.event('message.received', (f) => f.data.message.id === first.body.message.id);
    expect(ev.data.conversation.channel).toBe('sms');
    // The next SMS from the same number continues the same conversation.
    const second = await inbound('2', 'Eden je ranjen v glavo.', `041 ${SUFFIX}`);
    expect(second.body.conversationId).toBe(first.body.conversationId);
    await socket.close();
  });

  it('refuses bad input with the field named, and callers without a token', async () => {
    const bad = await inbound('3', 'x', 'not-a-number');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.from');
    const missing = await gateway.send('POST', '/api/sms/inbound', { from: '041555123', text: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['body.to', 'body.id']),
    );
    const anon = await fetch(`${server.url}/api/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '041555123', to: '112', text: 'x', id: 'anon' }),
    });
    expect(anon.status).toBe(401);
  });

  it('sends a reply through the gateway and records its delivery report', async () => {
    const inc = await inbound('4', 'Kje ste? Potrebujem pomoč.', `+386 31 ${SUFFIX}`);
    const reply = await calltaker.send(
      'POST',
      `/api/messages/${inc.body.conversationId}/reply`,
      { text: 'Kaj se je zgodilo? Kje ste (naslov, kraj)?' },
      { 'idempotency-key': `sms-reply-${RUN}` },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.message.deliveryStatus).toBe('sent');
    const out = gw.sent.at(-1);
    expect(out).toMatchObject({
      to: `+38631${SUFFIX}`,
      from: '112',
      text: 'Kaj se je zgodilo? Kje ste (naslov, kraj)?',
    });
    const report = await gateway.send('POST', '/api/sms/status', {
      reference: out?.reference,
      status: 'delivered',
    });
    expect(report.status).toBe(200);
    expect(report.body.deliveryStatus).toBe('delivered');
    const conv = (await calltaker.get(`/api/messages/${inc.body.conversationId}`)).body;
    expect(conv.messages.map((m: { direction: string }) => m.direction)).toEqual(['in', 'out']);
    expect(conv.status).toBe('answered');
    const unknown = await gateway.send('POST', '/api/sms/status', {
      reference: '999999999',
      status: 'failed',
    });
    expect(unknown.status).toBe(400);
  });

  it('keeps a reply queued while the gateway is down and sends it when it is back', async () => {
    const inc = await inbound('5', 'Pomoč, gori.', '+386 40 123 999');
    gw.down = true;
    const before = gw.sent.length;
    const reply = await calltaker.send('POST', `/api/messages/${inc.body.conversationId}/reply`, {
      text: 'Gasilci so obveščeni.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message.deliveryStatus).toBe('queued');
    const row = (await raw.query('select * from messages where id = $1', [reply.body.message.id])).rows[0];
    expect(row.delivery_error).toMatch(/503/);
    expect(row.attempts).toBe(1);
    gw.down = false;
    // The server's sender loop retries (5 s backoff after the first failure).
    await expect
      .poll(
        async () =>
          (await raw.query('select delivery_status from messages where id = $1', [reply.body.message.id]))
            .rows[0].delivery_status,
        { timeout: 20_000, interval: 500 },
      )
      .toBe('sent');
    expect(gw.sent.slice(before).map((s) => s.text)).toEqual(['Gasilci so obveščeni.']);
  }, 30_000);
});

describe('SMS retries', () => {
  it('gives up after the last retry and says so', async () => {
    const inc = await inbound('6', 'Ste tam?', '+386 41 000 222');
    gw.down = true;
    try {
      const reply = await calltaker.send('POST', `/api/messages/${inc.body.conversationId}/reply`, {
        text: 'Smo.',
      });
      const id = reply.body.message.id as number;
      const socket = await TestSocket.open(server.url, { cookie: calltaker.cookie });
      await socket.subscribe(null);
      // Fast-forward the backoff: each due attempt is made by the server's sender loop.
      await expect
        .poll(
          async () => {
            await raw.query(
              'update messages set next_attempt_at = now() where id = $1 and next_attempt_at is not null',
              [id],
            );
            return (await raw.query('select delivery_status from messages where id = $1', [id])).rows[0]
              .delivery_status;
          },
          { timeout: 60_000, interval: 1000 },
        )
        .toBe('failed');
      const row = (await raw.query('select attempts, delivery_error from messages where id = $1', [id]))
        .rows[0];
      expect(row.attempts).toBe(6);
      expect(row.delivery_error).toMatch(/503/);
      await socket.event(
        'message.sent',
        (f) => f.data.message.id === id && f.data.message.deliveryStatus === 'failed',
      );
      await socket.close();
    } finally {
      gw.down = false;
    }
  }, 90_000);
});
