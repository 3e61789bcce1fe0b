import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { type DbHandle, openDatabase } from '../../db/client';
import type { Principal } from '../../lib/auth/principal';
import { isDatabaseUnavailable } from '../../lib/errors';
import { RealtimeHub } from '../../lib/realtime/hub';
import { TEST_DATABASE_URL } from '../helpers/env';

// The hub after its listener reconnected on a new primary (docs/ha.md): if it had read an event the new
// primary does not have (a commit the old primary showed before its standby had it), it goes back to
// the log's head instead of skipping the new primary's events, and the sockets ahead of the log resume.
// The whole failover, with real servers, is tests/ha/failover.test.ts.

const supervisor: Principal = {
  kind: 'user',
  id: 1,
  userId: 1,
  name: 'supervisor',
  displayName: 'Supervisor',
  role: 'supervisor',
  stationId: null,
  centreId: null,
};

let handle: DbHandle;
let hub: RealtimeHub;
let wss: WebSocketServer;
let url: string;

beforeAll(async () => {
  handle = await openDatabase({ databaseUrl: TEST_DATABASE_URL, pgliteDir: '' });
  hub = new RealtimeHub(handle, { maxBufferedBytes: 1 << 20, heartbeatMs: 60_000 });
  await hub.start();
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws, req) => {
    const client = hub.add(ws, supervisor);
    const since = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('since'));
    hub.subscribe(client, since);
  });
  await new Promise((r) => wss.once('listening', r));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await hub.stop();
  await new Promise((r) => wss.close(r));
  await handle.close();
});

function connect(since: number): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}/?since=${since}`);
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

describe('the realtime hub after a failover', () => {
  it('goes back to the log head when it had read past it, and sends the sockets ahead to resume', async () => {
    await new Promise((r) => setTimeout(r, 200));
    const head = hub.head;
    const behind = await connect(head);
    // What the hub would hold had it read an event the new primary lacks.
    hub.head = head + 5;
    const ahead = await connect(head + 5);
    await hub.afterReconnect();
    expect(hub.head).toBe(head);
    expect(await ahead.closed).toBe(1012);
    expect(behind.ws.readyState).toBe(WebSocket.OPEN);
    behind.ws.close();
  });

  it('leaves a hub that is not ahead as it is', async () => {
    const head = hub.head;
    await hub.afterReconnect();
    expect(hub.head).toBe(head);
  });

  it('a write that reaches a server turned standby is a retryable outage, not an error', () => {
    expect(
      isDatabaseUnavailable({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' }),
    ).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505' })).toBe(false);
  });
});
