import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { HaCluster, type NodeName } from '../../deploy/ha/cluster';
import { chainHead } from '../../lib/audit/anchor';
import { verifyChain } from '../../lib/audit/chain';
import { EVENT_LOG_LOCK } from '../../lib/events/write-tx';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { prepareDatabase } from '../helpers/prepare-db';
import { type RunningServer, startServer } from '../helpers/server';
import { freePortRange, resumingSocket, sleep } from './helpers';

// Issue 19, "done when": the production database layout on this machine (deploy/ha: three PostgreSQL 15
// servers under Patroni with etcd, HAProxy in front, pgBackRest archiving), two application nodes, 1,000
// idempotent incident writes from four clients and two sockets resuming by seq, while the primary's
// postmaster is SIGKILLed and, once the cluster is whole again, the new primary's too. Then a
// point-in-time restore from the backup repository, checked against the live log and its hash chain.

const WRITES = 1000;
const CLIENTS = 4;
const PACE_MS = 100;
const RETRY_MS = 200;
const ART = path.join(process.cwd(), 'tests', '.artifacts');

let cluster: HaCluster;
let nodes: RunningServer[] = [];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cad112-ha-'));
  cluster = new HaCluster({ dir, basePort: await freePortRange(16) });
  await cluster.up();
  await cluster.createAppDatabase();
  await prepareDatabase(cluster.url('cad112_app'), cluster.url('cad112_owner'));
  cluster.backrest(['--type=full', 'backup']);
  const env = {
    DATABASE_URL: cluster.url('cad112_app'),
    DATABASE_OWNER_URL: cluster.url('cad112_owner'),
    LOG_LEVEL: 'error',
    WS_HEARTBEAT_MS: '5000',
  };
  nodes = await Promise.all([startServer({ env }), startServer({ env })]);
}, 300_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
  await cluster?.down();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

interface Ack {
  key: string;
  id: number;
  /** When the request was first sent, and when its answer came (ms from the start). */
  sent: number;
  at: number;
}

/** One write, retried with the same key until it is acknowledged; only 503 and a cut connection retry. */
async function writeUntilAcked(session: Session, key: string, log: { retries: number; statuses: string[] }) {
  for (;;) {
    try {
      const r = await session.send(
        'POST',
        '/api/incidents',
        { ...FIRE_IN_LJUBLJANA, description: `HA ${key}` },
        { 'idempotency-key': key },
      );
      if (r.status === 201) return r.body.id as number;
      if (r.status !== 503) throw new Error(`write ${key}: ${r.status} ${JSON.stringify(r.body)}`);
      if (!r.headers.get('retry-after')) throw new Error(`write ${key}: 503 without Retry-After`);
      log.statuses.push('503');
    } catch (err) {
      if ((err as Error).message.startsWith('write ')) throw err;
      log.statuses.push((err as Error).message);
    }
    log.retries++;
    await sleep(RETRY_MS);
  }
}

describe('the database survives the loss of its primary, twice', () => {
  it('loses no acknowledged write, duplicates none, and every socket sees every event once', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const clients: Session[] = [];
    for (let i = 0; i < CLIENTS; i++)
      clients.push(await login((i % 2 === 0 ? a : b).url, i % 2 === 0 ? 'calltaker' : 'calltaker2'));
    const supervisorA = await login(a.url, 'supervisor');
    const supervisorB = await login(b.url, 'supervisor');
    const startSeq = (await chainHead(await appDb()))?.seq ?? 0;
    const sockets = [
      resumingSocket([a.url, b.url], supervisorA.cookie, startSeq),
      resumingSocket([b.url, a.url], supervisorB.cookie, startSeq),
    ];

    const acks: Ack[] = [];
    const log = { retries: 0, statuses: [] as string[] };
    const run = Date.now().toString(36);
    const t0 = Date.now();
    const writers = clients.map(async (session, c) => {
      for (let i = c; i < WRITES; i += CLIENTS) {
        const key = `ha-${run}-${i}`;
        const started = Date.now();
        const id = await writeUntilAcked(session, key, log);
        acks.push({ key, id, sent: started - t0, at: Date.now() - t0 });
        await sleep(Math.max(0, PACE_MS - (Date.now() - started)));
      }
    });

    // The kills: after a fifth of the writes, and again once the cluster is whole after the first.
    const kills: { node: NodeName; at: number; pid: number }[] = [];
    const killer = (async () => {
      while (acks.length < WRITES / 5) await sleep(50);
      const first = (await cluster.leader()) as NodeName;
      kills.push({ node: first, at: Date.now() - t0, pid: cluster.killPostmaster(first) });
      // One socket loses its connection during the switch and resumes on the other node.
      setTimeout(() => sockets[0]?.drop(), 1000);
      await cluster.until(Date.now() + 60_000, 'a new leader', async () => {
        const l = await cluster.leader();
        return l !== null && l !== first;
      });
      await cluster.waitHealthy(Date.now() + 90_000);
      const mark = acks.length;
      while (acks.length < Math.min(WRITES - 150, mark + 150)) await sleep(50);
      const second = (await cluster.leader()) as NodeName;
      kills.push({ node: second, at: Date.now() - t0, pid: cluster.killPostmaster(second) });
      setTimeout(() => sockets[1]?.drop(), 1000);
    })();
    await Promise.all([...writers, killer]);
    const members = await cluster.waitHealthy(Date.now() + 90_000);

    // What the database holds, read through HAProxy from the primary of the end.
    const db = await appDb();
    const final = (await chainHead(db))?.seq ?? 0;
    const deadline = Date.now() + 20_000;
    while (sockets.some((s) => s.lastSeq < final) && Date.now() < deadline) await sleep(100);
    for (const s of sockets) s.close();

    const rows = await cluster.query<{ id: number; description: string }>(
      cluster.url('postgres'),
      'select id, description from incidents where description like $1 order by id',
      [`HA ha-${run}-%`],
    );
    const byKey = new Map<string, number[]>();
    for (const r of rows) {
      const key = r.description.slice(3);
      byKey.set(key, [...(byKey.get(key) ?? []), r.id]);
    }
    const lost = acks.filter((x) => !(byKey.get(x.key) ?? []).includes(x.id));
    const duplicated = [...byKey.values()].filter((ids) => ids.length > 1);
    const logSeqs = (
      await cluster.query<{ seq: string }>(
        cluster.url('postgres'),
        'select e.seq::text as seq from events e where e.seq > $1 and e.seq <= $2 order by e.seq',
        [startSeq, final],
      )
    ).map((r) => Number(r.seq));
    const inLog = new Set(logSeqs);
    const socketFigures = sockets.map((s) => {
      const got = new Set(s.seqs);
      return {
        received: s.seqs.length,
        missed: logSeqs.filter((q) => !got.has(q)).length,
        repeated: s.repeats,
        notInLog: [...got].filter((q) => !inLog.has(q)).length,
        reconnects: s.reconnects,
      };
    });
    // Time without writes: from the kill to the first acknowledged write that was sent after it (a
    // request already in flight may still be answered by the dying primary's last moments).
    const gaps = kills.map((k) => {
      const first = (xs: Ack[]) => xs.reduce((m, x) => Math.min(m, x.at), Number.POSITIVE_INFINITY);
      const during = acks.filter((x) => x.at > k.at && x.sent < k.at + 20_000);
      return {
        killed: k.node,
        withoutWritesMs: first(acks.filter((x) => x.sent > k.at)) - k.at,
        firstAckAfterKillMs: first(acks.filter((x) => x.at > k.at)) - k.at,
        slowestWriteMs: Math.max(...during.map((x) => x.at - x.sent)),
      };
    });
    const chain = await verifyChain(db);
    const figures = {
      writes: WRITES,
      acknowledged: acks.length,
      rowsInDatabase: rows.length,
      lost: lost.length,
      duplicated: duplicated.length,
      retries: log.retries,
      retryCauses: countBy(log.statuses),
      failovers: gaps,
      sockets: socketFigures,
      eventsInWindow: logSeqs.length,
      chainIntact: chain.intact,
      runSeconds: (Date.now() - t0) / 1000,
      clusterAtEnd: members.map((m) => `${m.name}:${m.role}:tl${m.timeline}`),
    };
    mkdirSync(ART, { recursive: true });
    writeFileSync(path.join(ART, 'ha-failover.json'), JSON.stringify(figures, null, 2));
    console.log('HA failover figures', JSON.stringify(figures, null, 2));

    expect(kills).toHaveLength(2);
    expect(kills[0]?.node).not.toBe(kills[1]?.node);
    expect(acks).toHaveLength(WRITES);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(rows).toHaveLength(WRITES);
    for (const g of gaps) expect(g.withoutWritesMs).toBeLessThan(15_000);
    for (const s of socketFigures) {
      expect(s).toMatchObject({ missed: 0, repeated: 0, notInLog: 0 });
      expect(s.reconnects).toBeGreaterThanOrEqual(1);
    }
    expect(chain.intact).toBe(true);
    await db.close();
  }, 600_000);

  it('restores the backup to a moment: the event log up to it, intact, and nothing after it', async () => {
    const [a] = nodes as [RunningServer];
    const calltaker = await login(a.url, 'calltaker');
    const create = (label: string) =>
      calltaker.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, description: label });
    for (let i = 0; i < 10; i++) expect((await create(`PITR before ${i}`)).status).toBe(201);
    await sleep(300);
    const { now, anchor } = await momentUnderLogLock();
    await sleep(300);
    for (let i = 0; i < 10; i++) expect((await create(`PITR after ${i}`)).status).toBe(201);
    // Forces a WAL segment switch and waits until it is in the repository.
    cluster.backrest(['check']);

    const restored = cluster.restoreTo(now, (await freePortRange(1)) as number);
    const rdb = await openDatabase({ databaseUrl: restored.url(), pgliteDir: '' });
    try {
      const head = await chainHead(rdb.db);
      expect(head).toEqual(anchor);
      const live = await cluster.query<{ seq: string; hash: string }>(
        cluster.url('postgres'),
        "select e.seq::text as seq, encode(e.hash, 'hex') as hash from events e where e.seq <= $1 order by e.seq",
        [anchor.seq],
      );
      const back = await cluster.query<{ seq: string; hash: string }>(
        restored.url(),
        "select e.seq::text as seq, encode(e.hash, 'hex') as hash from events e order by e.seq",
      );
      expect(back).toEqual(live);
      const report = await verifyChain(rdb.db, {
        anchors: [{ seq: anchor.seq, hash: anchor.hash, source: 'test' }],
      });
      expect(report).toMatchObject({ intact: true, breaks: 0, anchors: { checked: 1, mismatches: [] } });
      const labels = (
        await cluster.query<{ description: string }>(
          restored.url(),
          "select description from incidents where description like 'PITR %'",
        )
      ).map((r) => r.description);
      expect(labels.filter((l) => l.startsWith('PITR before'))).toHaveLength(10);
      expect(labels.filter((l) => l.startsWith('PITR after'))).toHaveLength(0);
      const figures = { target: now, restoredHead: head, events: back.length, chain: report.intact };
      writeFileSync(path.join(ART, 'ha-restore.json'), JSON.stringify(figures, null, 2));
      console.log('HA restore figures', JSON.stringify(figures));
    } catch (err) {
      // Where the recovery stopped and why, in the restored server's own words (for a failure's report).
      console.error(`restored server's log (target ${now}):\n${restored.log().slice(-4000)}`);
      const around = await cluster.query<{ seq: string; type: string; at: string }>(
        cluster.url('postgres'),
        "select seq::text as seq, type, to_char(at at time zone 'UTC', 'HH24:MI:SS.US') as at from events where seq > $1 - 5 order by seq limit 40",
        [anchor.seq],
      );
      console.error('live events around the anchor', JSON.stringify(around));
      throw err;
    } finally {
      await rdb.close();
      restored.stop();
    }
  }, 300_000);
});

/**
 * The moment and the log's head at that moment, read while holding the event-log lock: every append
 * before it has committed and is visible (the lock is released only after the synchronous standby
 * confirmed), and every append after it commits later than the moment. Read without the lock, a
 * background writer (escalation, anchors) committing between the clock and the head made them disagree.
 */
async function momentUnderLogLock(): Promise<{ now: string; anchor: { seq: number; hash: string } }> {
  const c = new pg.Client({ connectionString: cluster.url('postgres'), connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    await c.query('begin');
    await c.query('select pg_advisory_xact_lock($1)', [EVENT_LOG_LOCK]);
    const { rows } = await c.query<{ seq: string; hash: string; now: string }>(
      `select e.seq::text as seq, encode(e.hash, 'hex') as hash,
              to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' as now
         from events e order by e.seq desc limit 1`,
    );
    await c.query('commit');
    const row = rows[0] as { seq: string; hash: string; now: string };
    return { now: row.now, anchor: { seq: Number(row.seq), hash: row.hash } };
  } finally {
    await c.end().catch(() => {});
  }
}

async function appDb() {
  const h = await openDatabase({ databaseUrl: cluster.url('postgres'), pgliteDir: '' });
  return Object.assign(h.db, { close: () => h.close() });
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
