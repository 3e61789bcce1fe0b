// npm run bench – figures, not pass/fail. Against a fresh database on the local PostgreSQL and the
// real server (production build: run `npm run build` first). Prints a table; docs/performance.md
// quotes it. BENCH_LOAD_S shortens the 60 s load phases for a quick look.
import { type ChildProcess, spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { openDatabase } from '../../db/client';
import { recommendUnits } from '../../lib/dispatch/recommend-units';
import { geocode } from '../../lib/geo/geocode';
import { OPEN_INCIDENT_STATUSES } from '../../lib/incidents/incident-status';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { freePort, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';
import { benchAudit } from './audit';
import { bulkEvents, bulkIncidents, bulkUnits, bulkYear } from './bulk';
import { benchDomain } from './domain';
import { notes, printTable, record, rssMb, single, sleep } from './figures';
import { freshBenchDatabase } from './fresh-db';
import { benchNational } from './national';
import { benchReplication } from './replication';
import { benchTelephony } from './telephony';

// Ctrl-C or a kill ends the run through process.exit, so the helpers' exit hooks stop its servers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const LOAD_S = Number(process.env.BENCH_LOAD_S ?? 60);
const SOCKETS = 500;
const BACKGROUND_PER_S = 20;

const { url: DB_URL, raw } = await freshBenchDatabase('cad112_bench');

// ---------------------------------------------------------------------------------------------
// 1. Geocoding in the library, on the whole gazetteer, with typos and without diacritics.
console.log('geocoding');
const QUERIES = [
  'crnomelj',
  'Ljublana',
  'presernov trg 1',
  'maribor glavni trg',
  'skofja loka',
  'murska sobta',
  'kranjska gora',
  'bled',
  'novo mesto',
  'copova 14',
  'postojna',
  'sezana',
  'velenje',
  'ptuj',
  'kamnik',
];
const h = await openDatabase({ databaseUrl: DB_URL, pgliteDir: '' });
for (const q of QUERIES) await geocode(h.db, q);
const lib: number[] = [];
for (let i = 0; i < 600; i++) {
  const t0 = performance.now();
  await geocode(h.db, QUERIES[i % QUERIES.length] as string);
  lib.push(performance.now() - t0);
}
record('geocode, library call', lib, 'p99 < 50');

const server = await startServer({ env: { DATABASE_URL: DB_URL, LOG_LEVEL: 'error' } });
const pid = () => server.proc.pid as number;
single('server RSS at rest, MB', rssMb(pid()));

const calltaker = await login(server.url, 'calltaker');
const dispatcher = await login(server.url, 'dispatcher');
const station = await login(server.url, 'station');

const http: number[] = [];
for (let i = 0; i < 300; i++) {
  const t0 = performance.now();
  await calltaker.get(`/api/geocode?q=${encodeURIComponent(QUERIES[i % QUERIES.length] as string)}`);
  http.push(performance.now() - t0);
}
record('geocode over HTTP', http);

// ---------------------------------------------------------------------------------------------
// 2. Alert latency under load: 500 sockets (50 dispatcher screens, 450 station screens) and 20
//    incidents/s from call-takers for LOAD_S seconds; twice a second an incident is created and a
//    unit of GB Ljubljana assigned: POST assignment → alert.created on that station's socket.
console.log(`alert latency under load (${SOCKETS} sockets, ${BACKGROUND_PER_S}/s, ${LOAD_S} s)`);
const stationCodes = (await raw.query('select lower(code) as c from stations order by id')).rows.map(
  (r) => r.c,
);
const stationSessions: Session[] = [];
for (const c of stationCodes) stationSessions.push(await login(server.url, `st-${c}`));
const sockets: TestSocket[] = [];
for (let i = 0; i < 50; i++) sockets.push(await TestSocket.open(server.url, { cookie: dispatcher.cookie }));
for (let i = 0; i < SOCKETS - 50; i++)
  sockets.push(
    await TestSocket.open(server.url, {
      cookie: (stationSessions[i % stationSessions.length] as Session).cookie,
    }),
  );
await Promise.all(sockets.map((s) => s.subscribe(null)));
const stationSocket = await TestSocket.open(server.url, { cookie: station.cookie });
await stationSocket.subscribe(null);
// Keep client memory flat: forget frames the measurement does not need.
const trim = setInterval(() => {
  for (const s of sockets) s.frames.length = 0;
}, 1000);
const ourUnits = (await station.get('/api/units')).body as { id: number }[];

async function background(send: () => Promise<unknown>, seconds: number): Promise<number> {
  let sent = 0;
  const t0 = performance.now();
  const inflight: Promise<unknown>[] = [];
  while (performance.now() - t0 < seconds * 1000) {
    inflight.push(send().then(() => sent++));
    await sleep(1000 / BACKGROUND_PER_S);
  }
  await Promise.all(inflight);
  return sent;
}

const ours: number[] = [];
let stop = false;
const probe = (async () => {
  let k = 0;
  while (!stop) {
    const unit = ourUnits[k++ % ourUnits.length] as { id: number };
    const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const t0 = performance.now();
    const a = await dispatcher.send('POST', `/api/incidents/${inc.body.id}/assignments`, { unitId: unit.id });
    if (a.status !== 201) throw new Error(`assign: ${a.status} ${JSON.stringify(a.body)}`);
    await stationSocket.event('alert.created', (f) => f.data.alert.id === a.body.alertId);
    ours.push(performance.now() - t0);
    stationSocket.frames.length = 0;
    await station.send('POST', `/api/units/${unit.id}/status`, { status: 'available' });
    await sleep(500);
  }
})();
const sent = await background(
  () => calltaker.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, description: 'background load' }),
  LOAD_S,
);
stop = true;
await probe;
notes.push(`background: ${sent} incidents in ${LOAD_S} s over ${SOCKETS} sockets`);
const oursRow = record(
  `assign → alert on station socket, ${SOCKETS} sockets + ${BACKGROUND_PER_S}/s`,
  ours,
  'p99 < 100',
);
single('server RSS with 500 sockets after load, MB', rssMb(pid()));

// RSS with 1,000 sockets.
for (let i = 0; i < 500; i++)
  sockets.push(
    await TestSocket.open(server.url, {
      cookie: (stationSessions[i % stationSessions.length] as Session).cookie,
    }),
  );
await Promise.all(sockets.slice(SOCKETS).map((s) => s.subscribe(null)));
await sleep(2000);
single('server RSS with 1,000 sockets, MB', rssMb(pid()), '< 300');
clearInterval(trim);
await Promise.all(sockets.map((s) => s.close()));
await stationSocket.close();

// ---------------------------------------------------------------------------------------------
// 3. The same measurement for the baseline: raw pg INSERT + NOTIFY, LISTEN, raw ws broadcast.
console.log('baseline (raw pg INSERT + NOTIFY → raw ws broadcast)');
const basePort = await freePort();
const baseProc: ChildProcess = spawn(
  process.execPath,
  ['--import', 'tsx', 'tests/bench/baseline-server.ts'],
  {
    env: { ...process.env, DATABASE_URL: DB_URL, PORT: String(basePort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
await new Promise<void>((resolve) =>
  baseProc.stdout?.on('data', (d) => String(d).includes('listening') && resolve()),
);
const baseUrl = `http://127.0.0.1:${basePort}`;
const baseSockets: WebSocket[] = [];
for (let i = 0; i < SOCKETS; i++) {
  const ws = new WebSocket(`ws://127.0.0.1:${basePort}/ws`);
  await new Promise((r) => ws.once('open', r));
  ws.on('message', () => {});
  baseSockets.push(ws);
}
const target = baseSockets[baseSockets.length - 1] as WebSocket;
const pending = new Map<string, (t: number) => void>();
target.on('message', (d) => {
  const { body } = JSON.parse(String(d)) as { body: string };
  const m = /"probe":"([^"]+)"/.exec(body);
  if (m?.[1]) pending.get(m[1])?.(performance.now());
});
const post = (body: unknown) =>
  fetch(`${baseUrl}/event`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.text());
const base: number[] = [];
stop = false;
const baseProbe = (async () => {
  let k = 0;
  while (!stop) {
    const id = `p${k++}`;
    const got = new Promise<number>((r) => pending.set(id, r));
    const t0 = performance.now();
    await post({ probe: id, incident: FIRE_IN_LJUBLJANA });
    base.push((await got) - t0);
    pending.delete(id);
    await sleep(500);
  }
})();
await background(() => post({ incident: FIRE_IN_LJUBLJANA, description: 'background load' }), LOAD_S);
stop = true;
await baseProbe;
const baseRow = record(`baseline: POST → raw ws broadcast, ${SOCKETS} sockets + ${BACKGROUND_PER_S}/s`, base);
notes.push(
  `ratio to the baseline: p50 ${(oursRow.p50 / baseRow.p50).toFixed(1)}×, p99 ${(oursRow.p99 / baseRow.p99).toFixed(1)}× (goal ≤ 2×)`,
);
for (const ws of baseSockets) ws.close();
baseProc.kill('SIGTERM');

// ---------------------------------------------------------------------------------------------
// 4. The dispatcher's page with 5,000 open incidents and 2,000 units, in Chromium: from navigation
//    to a usable screen (board filled, map drawn, socket live).
console.log('dispatcher page at scale');
await bulkUnits(raw, 2000);
const openNow = Number(
  (await raw.query('select count(*) n from incidents where status = any($1)', [OPEN_INCIDENT_STATUSES]))
    .rows[0].n,
);
await bulkIncidents(raw, Math.max(0, 5000 - openNow), 0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const renders: number[] = [];
const boardSteps: number[] = [];
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addCookies([
    {
      name: 'cad112_session',
      value: decodeURIComponent(dispatcher.cookie.split('=')[1] ?? ''),
      url: server.url,
    },
  ]);
  const page = await context.newPage();
  // Timed in the page, from the navigation's start to the moment the last of the three is on screen
  // (the board's 21st row, a marker on the map, the socket live), checked on every DOM change and every
  // frame. Until issue 20 this row was timed by Playwright's waitFor, whose polling backs off to 500 ms:
  // it measured 1,000 ms for pages seen ready in the page at 500.
  // (As text: tsx names arrow functions with a helper that does not exist in the page.)
  await page.addInitScript({
    content: `(() => {
      const ready = () =>
        document.querySelectorAll('[data-testid="board"] .board-item').length > 20 &&
        document.querySelector('.marker-cluster, .marker-incident') !== null &&
        document.querySelector('[data-testid="conn"][data-state="live"]') !== null;
      const check = () => {
        if (window.__usable === undefined && ready()) window.__usable = performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
      const frame = () => {
        check();
        if (window.__usable === undefined) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    })();`,
  });
  for (let i = 0; i < 6; i++) {
    await page.goto(`${server.url}/dispatch`, { waitUntil: 'commit' });
    await page.locator('[data-testid="board"] .board-item').nth(20).waitFor({ timeout: 30_000 });
    await page.locator('.marker-cluster, .marker-incident').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="conn"][data-state="live"]').waitFor({ timeout: 30_000 });
    const usable = await page.evaluate(() => (window as unknown as { __usable?: number }).__usable);
    if (usable === undefined) throw new Error('the dispatcher page was never seen usable by the observer');
    if (i > 0) renders.push(usable); // the first load warms Next's caches
  }
  const boardCount = await page
    .locator('[data-testid="board-count"]')
    .textContent()
    .catch(() => null);
  notes.push(`dispatcher page: board count shown "${boardCount ?? '?'}"`);
  // Working the board at that size: ↓ to the next incident until its detail shows (each step a
  // re-render of the selection, the detail and the map's focus).
  await page.locator('[data-testid="board"] .board-item').first().click();
  // Timed in the page, from the key's arrival to the frame after the detail shows the next number.
  for (let i = 0; i < 21; i++) {
    const next = page.locator('[data-testid="board"] .board-item[aria-selected="true"] + .board-item');
    const number = ((await next.locator('.title span').first().textContent()) ?? '').slice(0, 11);
    // The listener and the observer are in place (awaited) before the key is sent.
    await page.evaluate((n) => {
      const w = window as unknown as { __step?: Promise<number> };
      w.__step = new Promise<number>((resolve) => {
        let t0 = -1;
        window.addEventListener('keydown', () => (t0 = performance.now()), { once: true, capture: true });
        const detail = document.querySelector('[data-testid="detail"]') as Node;
        const mo = new MutationObserver(() => {
          if (t0 < 0 || !document.querySelector('#detail-title')?.textContent?.includes(n)) return;
          mo.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        mo.observe(detail, { subtree: true, childList: true, characterData: true });
      });
    }, number);
    await page.keyboard.press('ArrowDown');
    const ms = await page.evaluate(() => (window as unknown as { __step: Promise<number> }).__step);
    if (i > 0) boardSteps.push(ms);
  }
} finally {
  await browser.close();
}
record('dispatcher page usable, 5,000 open incidents + 2,000 units', renders, '< 800');
record('board ↓ to the next incident, its detail shown (5,000 open)', boardSteps, '< 200');

// ---------------------------------------------------------------------------------------------
// 5. Nearest available units among 10,000 units with 100,000 incidents in the table.
console.log('recommendations at scale');
await bulkUnits(raw, 10_000);
const total = Number((await raw.query('select count(*) n from incidents')).rows[0].n);
await bulkIncidents(raw, 0, Math.max(0, 100_000 - total));
await raw.query('vacuum analyze incidents');
await raw.query('vacuum analyze units');
const ids = (
  await raw.query("select id from incidents where status <> 'closed' order by random() limit 300")
).rows.map((r) => r.id as number);
for (const id of ids.slice(0, 20)) await recommendUnits(h.db, id, { staleMin: 30 });
const rec: number[] = [];
const knn: number[] = [];
for (const id of ids) {
  const t0 = performance.now();
  await recommendUnits(h.db, id, { staleMin: 30 });
  rec.push(performance.now() - t0);
}
// Apart from the recommendations, whose garbage this process collects while the next query is timed.
for (const id of ids) {
  const t1 = performance.now();
  // The form recommend-units.ts uses: the incident's position as a scalar subquery (an InitPlan), so
  // the GiST index gives the order. (Until issue 20 this row joined the incident instead, which the
  // planner cannot drive the index with: a sequential scan and a sort of every available unit, 3.6 ms
  // p50 / 15 ms p99 measured for a query the application never runs.)
  await raw.query(
    `select u.id from units u where u.status = 'available'
      order by u.position <-> (select position from incidents where id = $1) limit 10`,
    [id],
  );
  knn.push(performance.now() - t1);
}
record('nearest 10 available units (KNN), 10k units / 100k incidents', knn, 'p99 < 5');
record('full recommendation (needs, areas, ranking), 10k / 100k', rec);

// ---------------------------------------------------------------------------------------------
// 6. Replay of 10,000 missed events on reconnect.
console.log('replay');
const before = Number((await raw.query('select max(seq) m from events')).rows[0].m);
await bulkEvents(raw, 10_000);
await sleep(3000);
const replays: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
  const t0 = performance.now();
  await s.subscribe(before);
  replays.push(performance.now() - t0);
  const got = s.events().length;
  if (got < 10_000) throw new Error(`replay delivered ${got} events`);
  await s.close();
}
record('replay of 10,000 missed events (subscribe → replayed)', replays, '< 1000');

// ---------------------------------------------------------------------------------------------
// 7. Supervision on a year of work: 100,000 incidents with their call, alert, acknowledgement and
//    on-scene events spread over 365 days (400,000 events more in the log).
console.log('supervision on a year of events');
await bulkYear(raw, 100_000);
const supervisor = await login(server.url, 'supervisor');
// The bulk load put 400,000 events in the log at once; the node's hub reads its way to the new head
// (seconds of a core). A year's events arrive over a year: the reads are timed once it has caught up.
{
  const head = Number((await raw.query('select max(seq) m from events')).rows[0].m);
  const t0 = performance.now();
  for (;;) {
    const m = await supervisor.get('/api/metrics');
    if (Number(m.body?.realtime?.eventHead ?? 0) >= head) break;
    if (performance.now() - t0 > 120_000) throw new Error('the hub did not reach the log head in 120 s');
    await sleep(250);
  }
  notes.push(`the hub read the year's 400,000 events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const timed = async (path: string, times: number) => {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const res = await supervisor.get(path);
    if (res.status !== 200)
      throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    out.push(performance.now() - t0);
  }
  return out;
};
const today = new Date().toISOString().slice(0, 10);
const monthAgo = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const month = await supervisor.get(`/api/stats/summary?from=${monthAgo}&to=${today}`);
notes.push(`statistics for 30 days counted ${month.body.incidents} incidents`);
record(
  'statistics, 30 days (≈8,000 incidents), GET /api/stats/summary',
  await timed(`/api/stats/summary?from=${monthAgo}&to=${today}`, 10),
  '< 1000',
);
record(
  'statistics, one service and priority, 30 days',
  await timed(`/api/stats/summary?from=${monthAgo}&to=${today}&agency=fire&priority=red`, 10),
);
record(
  'statistics, a whole year (100,000 incidents)',
  await timed(`/api/stats/summary?from=${yearAgo}&to=${today}`, 3),
  '< 500',
);
record('heat map, 30 days', await timed(`/api/stats/heat?from=${monthAgo}&to=${today}`, 10));
// Bench incidents have numbers of their own (B…): the audit finds them by id.
const someIncident = (
  await raw.query("select id from incidents where number like 'B%' order by id desc limit 1")
).rows[0].id;
record('audit: one incident', await timed(`/api/audit?incident=${someIncident}`, 20), '< 200');
record('audit: one user, newest 100', await timed('/api/audit?user=dispatcher', 20), '< 200');
const someUnit = (await raw.query('select callsign from units order by id limit 1')).rows[0].callsign;
record(
  'audit: one unit, status changes',
  await timed(`/api/audit?unit=${encodeURIComponent(someUnit)}&type=unit.`, 20),
  '< 200',
);
record('audit: one day, newest 100', await timed(`/api/audit?from=${monthAgo}&to=${monthAgo}`, 20), '< 200');

await server.kill();

// ---------------------------------------------------------------------------------------------
// 8. The 112 call: INVITE at the edge → the call in the browser queue (tests/bench/telephony.ts).
await benchTelephony(DB_URL, raw, LOAD_S);

// ---------------------------------------------------------------------------------------------
// 9. The domain databases: nearest open AED, hydrants, on-duty resolution (tests/bench/domain.ts).
await benchDomain(raw, h.db);

// ---------------------------------------------------------------------------------------------
// 10. The event log's hash chain: verification of the whole log, and the append cost (tests/bench/audit.ts).
await benchAudit(raw, h.db);

// ---------------------------------------------------------------------------------------------
// 11. The synchronous standby's cost, on the replicated layout of deploy/ha (tests/bench/replication.ts).
await benchReplication(Math.max(10, Math.round(LOAD_S * 2)));

// ---------------------------------------------------------------------------------------------
// 12. The national load: 5,000 sockets on two nodes behind HAProxy, 50 incidents/s (tests/bench/national.ts).
await benchNational(DB_URL, raw, Math.max(20, Math.round(LOAD_S * 5)));

await h.close();
await raw.end();

printTable();
process.exit(0);
