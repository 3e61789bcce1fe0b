import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import WebSocket from 'ws';
import type { Principal } from '../../lib/auth/principal';
import { isVisible, type ScopedEvent } from '../../lib/events/visibility';
import { FIRE_IN_LJUBLJANA, login } from '../helpers/api';
import { freePort, killOnExit, type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';
import { note, record, rssMb, single, sleep } from './figures';

// Section 12: the national load (issue 20). 5,000 sockets — the 13 centres' positions, ~1,300 station
// screens and the units' terminals — on two application nodes behind one address (HAProxy, as in
// deploy/ha), and 50 incidents per second from every region for five minutes (BENCH_LOAD_S × 5). The
// load comes from several processes with a lean client (tests/bench/national-worker.ts), so that this
// 2-core machine can make it. Measured: assign → alert on a station's socket (the probe, twice a
// second, on whichever node the balancer gave it), against the raw baseline (one process: INSERT +
// NOTIFY → LISTEN → raw broadcast) with the same sockets and rate in the same run; each node's RSS;
// sockets dropped; and the cost of the per-socket visibility decision at 5,000 sockets.

const SOCKETS = { centre: 130, station: 1300, terminal: 3570 };
const TOTAL = SOCKETS.centre + SOCKETS.station + SOCKETS.terminal;
const PER_S = 50;
const WORKERS = 4;
// The load runs this long before the measured `seconds` (nodes just started: their code is cold and
// their pools empty; a deployed node has run for days, and HAProxy's slowstart ramps a new one up). The
// probe runs through it too and its figures are shown apart.
const WARMUP_S = Number(process.env.NATIONAL_WARMUP_S ?? 10);

interface Tally {
  open: number;
  frames: number;
  bytes: number;
  dropped: number;
  posted: number;
  postErrors: number;
  statuses: Record<string, number>;
}

/** CPU seconds (user + system) a process and its threads have used so far. */
function cpuS(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL process now (the server and its backends). */
function postgresCpuS(): number {
  let sum = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') sum += cpuS(Number(d));
    } catch {}
  }
  return sum;
}

async function haproxy(port: number, nodes: number[]): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'cad112-lb-'));
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 8000',
      'defaults',
      '  mode http',
      '  maxconn 8000',
      '  timeout connect 5s',
      '  timeout client 1h',
      '  timeout server 1h',
      '  timeout tunnel 1h',
      'frontend cad',
      `  bind 127.0.0.1:${port}`,
      '  maxconn 8000',
      '  default_backend nodes',
      'backend nodes',
      '  balance roundrobin',
      '  option httpchk GET /api/health',
      ...nodes.map((p, i) => `  server n${i} 127.0.0.1:${p} check inter 1s`),
      '',
    ].join('\n'),
  );
  const proc = spawn('/usr/sbin/haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'inherit'] });
  killOnExit(proc);
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return proc;
    await sleep(100);
  }
  throw new Error('haproxy did not come up');
}

/** Starts the workers with their share of sockets and load; resolves once every socket is open. */
async function startWorkers(job: {
  url: string;
  cookies: string[];
  postPath: string;
  postBodies: unknown[];
  postCookie: string;
  subscribe: boolean;
  seconds: number;
}) {
  const workers: ChildProcess[] = [];
  const done: Promise<Tally>[] = [];
  let opened = 0;
  for (let w = 0; w < WORKERS; w++) {
    const child = fork('tests/bench/national-worker.ts', [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    killOnExit(child);
    workers.push(child);
    const share = job.cookies.filter((_, i) => i % WORKERS === w);
    const ready = new Promise<void>((resolve) =>
      child.on('message', (m: { kind: string; open: number }) => {
        if (m.kind === 'ready') {
          opened += m.open;
          resolve();
        }
      }),
    );
    done.push(
      new Promise<Tally>((resolve) =>
        child.on('message', (m: { kind: string } & Tally) => m.kind === 'done' && resolve(m)),
      ),
    );
    child.send({ ...job, cookies: share, sockets: share.length, perSecond: PER_S / WORKERS });
    await ready;
  }
  return {
    opened,
    pids: workers.map((w) => w.pid),
    go: () => {
      for (const w of workers) w.send('go');
    },
    done: () => Promise.all(done),
    stop: async () => {
      for (const w of workers) w.send('stop');
      await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
    },
  };
}

function sum(ts: Tally[], k: 'open' | 'frames' | 'bytes' | 'dropped' | 'posted' | 'postErrors'): number {
  return ts.reduce((n, t) => n + t[k], 0);
}

/** Incidents all over the country: each centre's seat, a little apart. */
async function countryBodies(raw: pg.Client) {
  const seats = (
    await raw.query(
      'select ST_Y(seat::geometry) as lat, ST_X(seat::geometry) as lon from centres order by sort',
    )
  ).rows as { lat: number; lon: number }[];
  return Array.from({ length: 260 }, (_, i) => {
    const s = seats[i % seats.length] as { lat: number; lon: number };
    return {
      ...FIRE_IN_LJUBLJANA,
      priority: i % 3 === 0 ? 'red' : 'yellow',
      description: 'national load',
      location: { lat: s.lat + ((i * 7) % 20) / 1000, lon: s.lon + ((i * 13) % 20) / 1000, accuracyM: 30 },
    };
  });
}

export async function benchNational(dbUrl: string, raw: pg.Client, seconds: number): Promise<void> {
  console.log(`national load (${TOTAL} sockets on 2 nodes behind HAProxy, ${PER_S}/s, ${seconds} s)`);
  // Twenty connections a node (the default is 10): two nodes' writes queue in PostgreSQL, not in the pools.
  // The heartbeat as deployed (15 s; the suites' servers beat every 5 s to find dead sockets sooner).
  const env = { DATABASE_URL: dbUrl, LOG_LEVEL: 'error', DB_POOL_SIZE: '20', WS_HEARTBEAT_MS: '15000' };
  // BENCH_NODE_ARGS reach the nodes' Node.js (for tuning: --cpu-prof --cpu-prof-dir=…).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean);
  const nodes: RunningServer[] = [await startServer({ env, nodeArgs }), await startServer({ env, nodeArgs })];
  let finished = false;
  for (const [i, n] of nodes.entries())
    n.proc.once('exit', (code, signal) => {
      if (!finished)
        console.error(
          `node ${i + 1} exited (${code ?? signal}) during the load:\n${n.output().slice(-4000)}`,
        );
    });
  const port = await freePort();
  const lb = await haproxy(
    port,
    nodes.map((n) => n.port),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    const staff = [
      'dispatcher',
      'dispatcher-kp',
      'dispatcher-ng',
      'calltaker',
      'calltaker-kp',
      'supervisor',
      'national',
    ];
    const centreCookies = await Promise.all(staff.map(async (u) => (await login(url, u)).cookie));
    const stationCodes = (await raw.query('select lower(code) as c from stations order by id')).rows.map(
      (r) => r.c,
    );
    const stationCookies: string[] = [];
    for (const c of stationCodes) stationCookies.push((await login(url, `st-${c}`)).cookie);
    const cookies = [
      ...Array.from({ length: SOCKETS.centre }, (_, i) => centreCookies[i % centreCookies.length] as string),
      ...Array.from(
        { length: SOCKETS.station + SOCKETS.terminal },
        (_, i) => stationCookies[i % stationCookies.length] as string,
      ),
    ];
    const calltaker = await login(url, 'calltaker');
    const dispatcher = await login(url, 'dispatcher');
    const station = await login(url, 'station');
    const bodies = await countryBodies(raw);

    const t0 = performance.now();
    const load = await startWorkers({
      url,
      cookies,
      postPath: '/api/incidents',
      postBodies: bodies,
      postCookie: calltaker.cookie,
      subscribe: true,
      seconds: seconds + WARMUP_S,
    });
    single(
      'national: time to open and subscribe 5,000 sockets through HAProxy, s',
      (performance.now() - t0) / 1000,
    );
    note(`national: ${load.opened} of ${TOTAL} sockets open before the load`);
    const probeSocket = await TestSocket.open(url, { cookie: station.cookie });
    await probeSocket.subscribe(null);
    // The station's available units (earlier sections may have put bulk units on scene there).
    const ourUnits = ((await station.get('/api/units')).body as { id: number; status: string }[]).filter(
      (u) => u.status === 'available',
    );
    const rss: number[][] = [[], []];
    const sampler = setInterval(() => {
      for (const [i, n] of nodes.entries())
        if (n.proc.exitCode === null) rss[i]?.push(rssMb(n.proc.pid as number));
    }, 1000);
    // What each node says its memory is (GET /api/metrics, straight to the node): the JS heap against
    // the rest (buffers, code), at the moment its RSS is highest.
    const supervisors = await Promise.all(nodes.map((n) => login(n.url, 'supervisor')));
    const atPeak = nodes.map(() => ({ rss: 0, heap: 0, heapTotal: 0, external: 0 }));
    const metrics = setInterval(() => {
      for (const [i, sup] of supervisors.entries())
        void sup
          .get('/api/metrics')
          .then((r) => {
            const m = r.body?.memory as {
              rssBytes: number;
              heapUsedBytes: number;
              heapTotalBytes: number;
              externalBytes: number;
            };
            const peak = atPeak[i];
            if (m && peak && m.rssBytes / 1e6 > peak.rss)
              atPeak[i] = {
                rss: m.rssBytes / 1e6,
                heap: m.heapUsedBytes / 1e6,
                heapTotal: m.heapTotalBytes / 1e6,
                external: m.externalBytes / 1e6,
              };
          })
          .catch(() => {});
    }, 2000);

    const cpuBefore = {
      nodes: nodes.map((n) => cpuS(n.proc.pid)),
      lb: cpuS(lb.pid),
      workers: load.pids.reduce<number>((a, p) => a + cpuS(p), 0),
      pg: postgresCpuS(),
    };
    const wall0 = performance.now();
    load.go();
    // As the screens do: a 503 (an overloaded node, the balancer without a healthy node) is retried with
    // the same idempotency key; the time counts from the first try.
    let retries = 0;
    const retrying = async (who: typeof calltaker, path: string, body: unknown) => {
      const key = `probe-${Math.random().toString(36).slice(2)}`;
      for (let attempt = 0; ; attempt++) {
        const r = await who.send('POST', path, body, { 'idempotency-key': key });
        if (r.status !== 503 && r.status !== 502) return r;
        if (attempt >= 30) throw new Error(`${path}: still ${r.status} after 30 tries`);
        retries++;
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
    };
    const samples: { atS: number; alert: number; answered: number }[] = [];
    await probe(seconds + WARMUP_S, async (k) => {
      const unit = ourUnits[k % ourUnits.length] as { id: number };
      const inc = await retrying(calltaker, '/api/incidents', FIRE_IN_LJUBLJANA);
      const t = performance.now();
      const a = await retrying(dispatcher, `/api/incidents/${inc.body.id}/assignments`, { unitId: unit.id });
      if (a.status !== 201) throw new Error(`assign: ${a.status} ${JSON.stringify(a.body)}`);
      const answered = performance.now() - t;
      await probeSocket.event('alert.created', (f) => f.data.alert.id === a.body.alertId, 30_000);
      const ms = performance.now() - t;
      samples.push({ atS: (t - wall0) / 1000, alert: ms, answered });
      probeSocket.frames.length = 0;
      await retrying(station, `/api/units/${unit.id}/status`, { status: 'available' });
      return ms;
    });
    const measured = samples.filter((p) => p.atS >= WARMUP_S);
    const ours = measured.map((p) => p.alert);
    const answered = measured.map((p) => p.answered);
    const cold = samples.filter((p) => p.atS < WARMUP_S).map((p) => Math.round(p.alert));
    const tallies = await load.done();
    const wall = (performance.now() - wall0) / 1000;
    const share = (v: number) => `${((100 * v) / wall).toFixed(0)} %`;
    note(
      `national: CPU during the load (100 % = one core of 2): nodes ${nodes
        .map((n, i) => share(cpuS(n.proc.pid) - (cpuBefore.nodes[i] ?? 0)))
        .join(
          ' + ',
        )}, PostgreSQL ${share(postgresCpuS() - cpuBefore.pg)}, HAProxy ${share(cpuS(lb.pid) - cpuBefore.lb)}, ` +
        `load generator ${share(load.pids.reduce<number>((a, p) => a + cpuS(p), 0) - cpuBefore.workers)}`,
    );
    // What the nodes logged as errors during the load (a 5xx must have a reason).
    for (const [i, n] of nodes.entries()) {
      const errors = n
        .output()
        .split('\n')
        .filter((l) => /"level":(50|60)/.test(l));
      if (errors.length > 0)
        console.error(
          `node ${i + 1} logged ${errors.length} errors; the first:\n${errors.slice(0, 3).join('\n').slice(0, 3000)}`,
        );
    }
    note(`national: the probe retried ${retries} times after a 503`);
    note(
      `national: the probe during the first ${WARMUP_S} s (cold nodes, not in the table): ${cold.join(', ')} ms`,
    );
    note(
      `national: the slowest measured probes (second of the load: ms) ${measured
        .sort((a, b) => b.alert - a.alert)
        .slice(0, 5)
        .map((p) => `${Math.round(p.atS)}: ${Math.round(p.alert)}`)
        .join(', ')}`,
    );
    const statuses: Record<string, number> = {};
    for (const t of tallies)
      for (const [k, v] of Object.entries(t.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    note(`national: answers to the load's POSTs by status ${JSON.stringify(statuses)}`);
    clearInterval(sampler);
    clearInterval(metrics);
    note(
      `national: memory at each node's highest RSS, as the node reports it: ${atPeak
        .map(
          (m) =>
            `RSS ${m.rss.toFixed(0)} MB = heap ${m.heap.toFixed(0)} in use of ${m.heapTotal.toFixed(0)} held + external ${m.external.toFixed(0)} + the rest`,
        )
        .join('; ')}`,
    );
    await sleep(1000);
    const still = nodes.map((n) => rssMb(n.proc.pid as number));
    const ourRow = record(
      `national: assign → alert on a station socket, ${TOTAL} sockets, 2 nodes, ${PER_S}/s`,
      ours,
      'p99 < 100',
    );
    record('national: of which the assignment POST answered (the rest: commit → socket)', answered);
    for (const [i] of nodes.entries())
      single(`national: node ${i + 1} RSS, max during the load, MB`, Math.max(...(rss[i] ?? [])), '< 350');
    note(`national: RSS after the load ${still.map((v) => v.toFixed(0)).join(' / ')} MB`);
    single('national: sockets dropped during the load', sum(tallies, 'dropped'), '0');
    const posted = sum(tallies, 'posted');
    note(
      `national: ${posted} incidents posted in ${seconds + WARMUP_S} s (${(posted / (seconds + WARMUP_S)).toFixed(1)}/s), ` +
        `${sum(tallies, 'postErrors')} refused or failed; ${(sum(tallies, 'frames') / wall).toFixed(0)} frames/s ` +
        `(${(sum(tallies, 'bytes') / wall / 1e6).toFixed(1)} MB/s) to the load's sockets`,
    );
    await probeSocket.close();
    await load.stop();
    await raw.query(`update incidents set status = 'closed', closed_at = now(), outcome = 'handled'
                      where description = 'national load' and status <> 'closed'`);

    // The raw baseline with the same sockets and rate (one process, nothing but INSERT, NOTIFY, broadcast).
    // NATIONAL_BASELINE=0 leaves it out (tuning runs).
    const skip = process.env.NATIONAL_BASELINE === '0';
    const base = await (skip ? Promise.resolve(null) : baseline(dbUrl, bodies, seconds)).catch(
      (err: unknown) => {
        note(
          `national baseline: did not keep up (${err instanceof Error ? (err.cause ?? err.message) : err})`,
        );
        return null;
      },
    );
    if (base) {
      note(
        `national: ratio to the baseline p50 ${(ourRow.p50 / base.p50).toFixed(1)}×, p99 ${(ourRow.p99 / base.p99).toFixed(1)}× (goal ≤ 1.5×)`,
      );
    }
  } catch (err) {
    for (const [i, n] of nodes.entries())
      console.error(`node ${i + 1}'s last words:\n${n.output().slice(-6000)}`);
    throw err;
  } finally {
    finished = true;
    lb.kill('SIGTERM');
    for (const n of nodes) await n.kill();
  }
  visibilityCost();
}

/** Runs `once` twice a second for `seconds`, returning its durations. */
async function probe(seconds: number, once: (k: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  const t0 = performance.now();
  let k = 0;
  while (performance.now() - t0 < seconds * 1000) {
    out.push(await once(k++));
    await sleep(500);
  }
  return out;
}

async function baseline(dbUrl: string, bodies: unknown[], seconds: number) {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/baseline-server.ts'], {
    // Each event to one of 13 groups of sockets (385 of 5,000, the application's fan-out is 374), not
    // to all 5,000: a broadcast of 250,000 frames a second is no yardstick for a regional event.
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), BASELINE_GROUPS: '13' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  killOnExit(proc);
  try {
    await new Promise<void>((resolve) =>
      proc.stdout?.on('data', (d) => String(d).includes('listening') && resolve()),
    );
    const url = `http://127.0.0.1:${port}`;
    const load = await startWorkers({
      url,
      cookies: Array.from({ length: TOTAL - 1 }, () => ''),
      postPath: '/event',
      postBodies: bodies,
      postCookie: '',
      subscribe: false,
      seconds: seconds + WARMUP_S,
    });
    const target = new WebSocket(`ws://127.0.0.1:${port}/ws?all`);
    target.on('error', (err) => console.error('national baseline: the probe socket failed', err));
    await new Promise((r) => target.once('open', r));
    const pending = new Map<string, (t: number) => void>();
    target.on('message', (d) => {
      const m = /\\"probe\\":\\"([^"\\]+)\\"/.exec(String(d));
      if (m?.[1]) pending.get(m[1])?.(performance.now());
    });
    load.go();
    await sleep(WARMUP_S * 1000);
    const times = await probe(seconds, async (k) => {
      const id = `n${k}`;
      const got = new Promise<number>((r) => pending.set(id, r));
      const t = performance.now();
      await fetch(`${url}/event`, {
        method: 'POST',
        body: JSON.stringify({ probe: id, incident: FIRE_IN_LJUBLJANA }),
        signal: AbortSignal.timeout(60_000),
      });
      const ms = (await Promise.race([got, sleep(60_000).then(() => Number.NaN)])) - t;
      if (Number.isNaN(ms)) throw new Error('a probe was not broadcast within 60 s');
      pending.delete(id);
      return ms;
    });
    const tallies = await load.done();
    const row = record(
      `national baseline: POST → raw broadcast, ${TOTAL} sockets, 1 process, ${PER_S}/s`,
      times,
    );
    note(`national baseline: ${sum(tallies, 'dropped')} sockets dropped, ${sum(tallies, 'posted')} posted`);
    target.close();
    await load.stop();
    return row;
  } finally {
    proc.kill('SIGTERM');
  }
}

/**
 * The hub's per-socket decision (lib/events/visibility.ts) for one event over 5,000 sockets: the
 * centres' positions see all, each station its own events and its incidents'.
 */
function visibilityCost(): void {
  const viewers: Principal[] = Array.from({ length: TOTAL }, (_, i) => ({
    kind: 'user',
    id: i,
    userId: i,
    name: `u${i}`,
    displayName: `u${i}`,
    role: i < SOCKETS.centre ? 'dispatcher' : 'station',
    stationId: i < SOCKETS.centre ? null : (i % 40) + 1,
    centreId: i < SOCKETS.centre ? (i % 13) + 1 : null,
  }));
  const events: ScopedEvent[] = Array.from({ length: 1000 }, (_, k) => ({
    type: k % 3 === 0 ? 'alert.created' : 'incident.updated',
    stationId: k % 3 === 0 ? (k % 40) + 1 : null,
    stations: new Set([(k % 40) + 1, ((k + 7) % 40) + 1]),
  }));
  let seen = 0;
  // Warm-up, not recorded: in a node the decision runs thousands of times a second and is compiled
  // (the first cold passes measured V8's tiering and a collection of the load's garbage, up to 19 ms).
  for (const e of events.slice(0, 300)) for (const v of viewers) if (isVisible(v, e)) seen--;
  seen = 0;
  const per: number[] = [];
  for (const e of events) {
    const t = performance.now();
    for (const v of viewers) if (isVisible(v, e)) seen++;
    per.push(performance.now() - t);
  }
  record(`national: visibility decisions for one event over ${TOTAL} sockets (in process)`, per, 'p99 < 1');
  note(`national: ${(seen / events.length).toFixed(0)} of ${TOTAL} sockets see an average event`);
}
