import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HaCluster } from '../../deploy/ha/cluster';
import { freePortRange } from '../ha/helpers';
import { FIRE_IN_LJUBLJANA, login } from '../helpers/api';
import { prepareDatabase } from '../helpers/prepare-db';
import { startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';
import { notes, record, sleep } from './figures';

// 11. What the synchronous standby costs (issue 19): the production database layout on this machine
// (deploy/ha: Patroni, etcd, HAProxy, three PostgreSQL servers), one application node through HAProxy,
// and in the same run, alternating, the alert latency (assign → alert.created on the station's socket)
// and a one-row commit with the synchronous standby and without it (Patroni's synchronous_mode off).

const ROUNDS = 4;

export async function benchReplication(probesPerRound: number): Promise<void> {
  if (spawnSync('sh', ['-c', 'command -v patroni && command -v etcd && command -v haproxy']).status !== 0) {
    notes.push(
      'replication: skipped (Patroni, etcd or HAProxy missing: bash tests/prepare.sh installs them)',
    );
    return;
  }
  console.log('replication: synchronous standby against none (deploy/ha cluster)');
  const dir = mkdtempSync(path.join(tmpdir(), 'cad112-bench-ha-'));
  const cluster = new HaCluster({ dir, basePort: await freePortRange(16) });
  try {
    await cluster.up();
    await cluster.createAppDatabase();
    await prepareDatabase(cluster.url('cad112_app'), cluster.url('cad112_owner'));
    await cluster.query(cluster.url('postgres'), 'create table bench_commit (n int)');
    const server = await startServer({
      env: { DATABASE_URL: cluster.url('cad112_app'), LOG_LEVEL: 'error' },
    });
    try {
      const calltaker = await login(server.url, 'calltaker');
      const dispatcher = await login(server.url, 'dispatcher');
      const station = await login(server.url, 'station');
      const socket = await TestSocket.open(server.url, { cookie: station.cookie });
      await socket.subscribe(null);
      const units = (await station.get('/api/units')).body as { id: number }[];
      const alert = { sync: [] as number[], async: [] as number[] };
      const commit = { sync: [] as number[], async: [] as number[] };
      const pgClient = new (await import('pg')).default.Client({ connectionString: cluster.url('postgres') });
      await pgClient.connect();
      let k = 0;
      for (let round = 0; round < ROUNDS * 2; round++) {
        const mode = round % 2 === 0 ? 'sync' : 'async';
        await setSynchronous(cluster, mode === 'sync');
        for (let i = 0; i < probesPerRound; i++) {
          const unit = units[k++ % units.length] as { id: number };
          const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
          const t0 = performance.now();
          const a = await dispatcher.send('POST', `/api/incidents/${inc.body.id}/assignments`, {
            unitId: unit.id,
          });
          if (a.status !== 201) throw new Error(`assign: ${a.status} ${JSON.stringify(a.body)}`);
          await socket.event('alert.created', (f) => f.data.alert.id === a.body.alertId);
          alert[mode].push(performance.now() - t0);
          socket.frames.length = 0;
          await station.send('POST', `/api/units/${unit.id}/status`, { status: 'available' });
          const c0 = performance.now();
          await pgClient.query('insert into bench_commit values ($1)', [i]);
          commit[mode].push(performance.now() - c0);
        }
      }
      await pgClient.end();
      await socket.close();
      record('assign → alert, synchronous standby (Patroni, via HAProxy)', alert.sync);
      record('assign → alert, no synchronous standby (same cluster)', alert.async);
      record('one-row commit, synchronous standby', commit.sync);
      record('one-row commit, asynchronous standbys', commit.async);
      notes.push(
        `replication: ${ROUNDS} alternating rounds of ${probesPerRound} probes each way, one node through HAProxy`,
      );
    } finally {
      await server.kill();
    }
  } finally {
    await cluster.down();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Switches Patroni's synchronous mode and waits until the primary runs with it. */
async function setSynchronous(cluster: HaCluster, on: boolean): Promise<void> {
  await cluster.patchConfig({ synchronous_mode: on, synchronous_mode_strict: on });
  await cluster.until(Date.now() + 60_000, `synchronous_mode ${on}`, async () => {
    const [row] = await cluster
      .query<{ s: string }>(cluster.url('postgres', 'postgres'), 'show synchronous_standby_names')
      .catch(() => [] as { s: string }[]);
    const names = Object.values(row ?? {})[0] as string | undefined;
    return names !== undefined && (on ? names !== '' : names === '');
  });
  await sleep(500);
}
