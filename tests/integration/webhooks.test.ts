import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { type RunningServer, startServer } from '../helpers/server';

// Webhooks against local HTTP receivers: signed deliveries in order, retries with backoff after
// failures, and a receiver that never answers slows nothing but its own subscription.

type Mode = 'ok' | 'fail' | 'hang';
class Receiver {
  mode: Mode = 'ok';
  got: { headers: IncomingMessage['headers']; body: string }[] = [];
  hits = 0;
  private server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => this.answer(req, body, res));
  });
  url = '';
  private answer(req: IncomingMessage, body: string, res: ServerResponse) {
    this.hits++;
    if (this.mode === 'hang') return; // never answers
    if (this.mode === 'fail') {
      res.writeHead(500).end('down');
      return;
    }
    this.got.push({ headers: req.headers, body });
    res.writeHead(204).end();
  }
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(r));
  }
}

const good = new Receiver();
const flaky = new Receiver();
const hanging = new Receiver();
let server: RunningServer;
let supervisor: Session;
let calltaker: Session;

beforeAll(async () => {
  await Promise.all([good.start(), flaky.start(), hanging.start()]);
  server = await startServer({
    env: { WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_RETRY_BASE_MS: '500', WEBHOOK_MAX_ATTEMPTS: '4' },
  });
  [supervisor, calltaker] = await Promise.all([
    login(server.url, 'supervisor'),
    login(server.url, 'calltaker'),
  ]);
});

afterAll(async () => {
  await server.kill();
  await Promise.all([good.stop(), flaky.stop(), hanging.stop()]);
});

const subscribe = async (name: string, url: string, events: string[]) => {
  const res = await supervisor.send('POST', '/api/webhooks', { name, url, events });
  expect(res.status).toBe(201);
  return res.body as { id: number; secret: string };
};

describe('webhooks', () => {
  it('delivers the subscribed events, signed, in order; the secret is shown once', async () => {
    const sub = await subscribe('GIS', good.url, ['incident.created']);
    expect(sub.secret.length).toBeGreaterThanOrEqual(32);
    const list = (await supervisor.get('/api/webhooks')).body;
    expect(list.find((w: { id: number }) => w.id === sub.id).secret).toBeUndefined();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).body.id);
    await expect.poll(() => good.got.length, { timeout: 10_000 }).toBe(3);
    const bodies = good.got.map((g) => JSON.parse(g.body));
    expect(bodies.map((b) => b.data.incident.id)).toEqual(ids);
    expect(bodies.every((b) => b.type === 'incident.created')).toBe(true);
    for (const g of good.got) {
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(g.headers['x-cad112-signature']));
      expect(m).not.toBeNull();
      const expected = createHmac('sha256', sub.secret).update(`${m?.[1]}.${g.body}`).digest('hex');
      expect(m?.[2]).toBe(expected);
      expect(g.headers['x-cad112-event']).toBe('incident.created');
    }
    const deliveries = (await supervisor.get(`/api/webhooks/${sub.id}/deliveries`)).body;
    expect(deliveries.filter((d: { status: string }) => d.status === 'delivered')).toHaveLength(3);
  });

  it('retries a failing receiver with backoff, then delivers; gives up after the last attempt', async () => {
    flaky.mode = 'fail';
    const sub = await subscribe('flaky', flaky.url, ['incident.created']);
    await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    await expect.poll(() => flaky.hits, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const state = (await supervisor.get('/api/webhooks')).body.find((w: { id: number }) => w.id === sub.id);
    expect(state.lastError).toBe('HTTP 500');
    expect(state.failingSince).not.toBeNull();
    flaky.mode = 'ok';
    await expect.poll(() => flaky.got.length, { timeout: 10_000 }).toBe(1);
    // The receiver has the delivery a moment before the sender records its success: read until it has.
    const healed = async () =>
      (await supervisor.get('/api/webhooks')).body.find((w: { id: number }) => w.id === sub.id).failingSince;
    await expect.poll(healed, { timeout: 5_000 }).toBeNull();

    // Four failures of one event: given up, and the next event is delivered after it.
    flaky.mode = 'fail';
    const lost = (await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).body.id;
    await expect
      .poll(
        async () =>
          (await supervisor.get(`/api/webhooks/${sub.id}/deliveries`)).body.some(
            (d: { status: string }) => d.status === 'failed',
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    flaky.mode = 'ok';
    const next = (await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).body.id;
    await expect
      .poll(() => flaky.got.map((g) => JSON.parse(g.body).data.incident.id), { timeout: 10_000 })
      .toContain(next);
    expect(flaky.got.map((g) => JSON.parse(g.body).data.incident.id)).not.toContain(lost);
  }, 40_000);

  it('a receiver that never answers does not slow the centre', async () => {
    hanging.mode = 'hang';
    await subscribe('black hole', hanging.url, []);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      expect((await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).status).toBe(201);
      times.push(performance.now() - t0);
    }
    await expect.poll(() => hanging.hits, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    // The other subscriptions still deliver while this one waits for its timeouts.
    const last = (await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).body.id;
    await expect
      .poll(() => good.got.map((g) => JSON.parse(g.body).data.incident.id), { timeout: 10_000 })
      .toContain(last);
    expect(Math.max(...times)).toBeLessThan(1000);
  }, 30_000);

  it('only supervisors manage webhooks; bad URLs and event names are refused by field', async () => {
    expect((await calltaker.get('/api/webhooks')).status).toBe(403);
    const bad = await supervisor.send('POST', '/api/webhooks', {
      name: 'x',
      url: 'ftp://example.si',
      events: ['nope'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['body.url', 'body.events.0']),
    );
    const sub = await subscribe('temporary', good.url, ['incident.created']);
    const off = await supervisor.send('DELETE', `/api/webhooks/${sub.id}`);
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
  });
});
