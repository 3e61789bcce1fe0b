import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { escalateOverdueAlerts } from '../../lib/alerts/escalate-overdue-alerts';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { availableUnit, openTestDb, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

let handle: DbHandle;
let raw: pg.Client;
let server: RunningServer;
let calltaker: Session;
let dispatcher: Session;

beforeAll(async () => {
  handle = await openTestDb();
  raw = await rawClient();
  // A long check interval: in these tests the clock is moved by hand.
  server = await startServer({ env: { ESCALATION_CHECK_MS: '60000' } });
  calltaker = await login(server.url, 'calltaker');
  dispatcher = await login(server.url, 'dispatcher');
});

afterAll(async () => {
  await server.kill();
  await raw.end();
  await handle.close();
});

// Units alerted by a test are released after it, so the file can run again on the same database.
const used: number[] = [];
afterEach(async () => {
  for (const id of used.splice(0))
    await dispatcher.send('POST', `/api/units/${id}/status`, { status: 'available' });
});

async function alertTo(prefix: string) {
  const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
  const unitId = await availableUnit(raw, prefix);
  used.push(unitId);
  const a = await dispatcher.send('POST', `/api/incidents/${inc.body.id}/assignments`, { unitId });
  const row = (await raw.query('select sent_at from alerts where id = $1', [a.body.alertId])).rows[0];
  return {
    alertId: a.body.alertId as number,
    sentAt: row.sent_at as Date,
    incidentId: inc.body.id as number,
  };
}

const plus = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

describe('alert escalation (fake clock)', () => {
  it('escalates after the agency timeout (fire 60 s, mountain rescue 120 s), exactly once', async () => {
    const fire = await alertTo('GB-LJ-');
    const grs = await alertTo('GRS-KA-');
    expect(await escalateOverdueAlerts(handle.db, plus(fire.sentAt, 59))).not.toContain(fire.alertId);
    const at61 = await escalateOverdueAlerts(handle.db, plus(fire.sentAt, 61));
    expect(at61).toContain(fire.alertId);
    expect(at61).not.toContain(grs.alertId);
    expect(await escalateOverdueAlerts(handle.db, plus(fire.sentAt, 62))).not.toContain(fire.alertId);
    expect(await escalateOverdueAlerts(handle.db, plus(grs.sentAt, 121))).toContain(grs.alertId);
    const ev = await raw.query(
      `select count(*)::int n from events where type = 'alert.escalated' and (payload->'alert'->>'id')::int = $1`,
      [fire.alertId],
    );
    expect(ev.rows[0].n).toBe(1);
  });

  it('an acknowledged alert is never escalated', async () => {
    const a = await alertTo('GB-LJ-');
    const st = await login(server.url, 'station');
    await st.send('POST', `/api/alerts/${a.alertId}/ack`);
    expect(await escalateOverdueAlerts(handle.db, plus(a.sentAt, 3600))).not.toContain(a.alertId);
  });

  it('two nodes checking at once escalate each alert once', async () => {
    const a = await alertTo('GB-LJ-');
    const other = await openTestDb();
    const [x, y] = await Promise.all([
      escalateOverdueAlerts(handle.db, plus(a.sentAt, 61)),
      escalateOverdueAlerts(other.db, plus(a.sentAt, 61)),
    ]);
    await other.close();
    expect([...x, ...y].filter((id) => id === a.alertId)).toHaveLength(1);
  });

  it('survives a restart: an alert overdue while the server was down is escalated when it is back', async () => {
    const a = await alertTo('NMP-LJ-');
    const port = server.port;
    const seqBefore = (await raw.query('select max(seq)::int m from events')).rows[0].m as number;
    await server.kill('SIGKILL');
    // Down for "a while": the alert's clock is moved back instead of waiting a minute.
    await raw.query(`update alerts set sent_at = sent_at - interval '5 minutes' where id = $1`, [a.alertId]);
    server = await startServer({ port, env: { ESCALATION_CHECK_MS: '300' } });
    const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await s.subscribe(seqBefore);
    const ev = await s.event('alert.escalated', (f) => f.data.alert.id === a.alertId);
    expect(ev.data.alert.escalatedAt).not.toBeNull();
    await s.close();
  });

  it('re-alerting sends it anew: the station’s screen gets it again and the timeout restarts', async () => {
    const a = await alertTo('GB-LJ-');
    await escalateOverdueAlerts(handle.db, plus(a.sentAt, 61));
    const st = await login(server.url, 'station');
    const ss = await TestSocket.open(server.url, { cookie: st.cookie });
    await ss.subscribe(null);
    const res = await dispatcher.send('POST', `/api/alerts/${a.alertId}/realert`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ escalatedAt: null, realertCount: 1, deliveredAt: null });
    const again = await ss.event('alert.created', (f) => f.data.alert.id === a.alertId);
    expect(again.data.alert.realertCount).toBe(1);
    await st.send('POST', `/api/alerts/${a.alertId}/ack`);
    expect((await dispatcher.send('POST', `/api/alerts/${a.alertId}/realert`)).status).toBe(409);
    expect((await st.send('POST', `/api/alerts/${a.alertId}/realert`)).status).toBe(403);
    await ss.close();
  });
});
