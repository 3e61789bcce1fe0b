// npm run bench – figures, not pass/fail. Against a fresh database on the local PostgreSQL and the
// real server (production build: run `npm run build` first). Prints a table; docs/performance.md
// quotes it.
import pg from 'pg';
import { openDatabase } from '../../db/client';
import { geocode } from '../../lib/geo/geocode';
import { FIRE_IN_LJUBLJANA, login } from '../helpers/api';
import { prepareDatabase } from '../helpers/prepare-db';
import { startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cad112_bench';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

const rows: { what: string; n: number; p50: number; p95: number; p99: number; max: number }[] = [];
function record(what: string, values: number[]) {
  rows.push({
    what,
    n: values.length,
    p50: pct(values, 50),
    p95: pct(values, 95),
    p99: pct(values, 99),
    max: Math.max(...values),
  });
}

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists ${DB} with (force)`);
await admin.query(`create database ${DB}`);
await admin.end();
await prepareDatabase(DB_URL);

// 1. Geocoding in the library, on the whole gazetteer, with typos and without diacritics.
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
for (const q of QUERIES) await geocode(h.db, q); // warm up
const lib: number[] = [];
for (let i = 0; i < 600; i++) {
  const t0 = performance.now();
  await geocode(h.db, QUERIES[i % QUERIES.length] as string);
  lib.push(performance.now() - t0);
}
record('geocode, library (ms)', lib);
await h.close();

const server = await startServer({ env: { DATABASE_URL: DB_URL } });
try {
  const calltaker = await login(server.url, 'calltaker');
  const dispatcher = await login(server.url, 'dispatcher');
  const station = await login(server.url, 'station');

  // 2. Geocoding over HTTP (authentication, validation, JSON included).
  const http: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await calltaker.get(`/api/geocode?q=${encodeURIComponent(QUERIES[i % QUERIES.length] as string)}`);
    http.push(performance.now() - t0);
  }
  record('geocode, HTTP (ms)', http);

  // 3. Incident created → incident.created on the dispatcher's socket.
  const ds = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
  await ds.subscribe(null);
  const created: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const res = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    await ds.waitFor((f) => f.type === 'incident.created' && f.data.incident.id === res.body.id);
    created.push(performance.now() - t0);
  }
  record('POST incident → socket event (ms)', created);

  // 4. Assignment → alert.created on the station's socket, then released for the next round.
  const ss = await TestSocket.open(server.url, { cookie: station.cookie });
  await ss.subscribe(null);
  const unit = (await station.get('/api/units')).body[0];
  const alerted: number[] = [];
  for (let i = 0; i < 100; i++) {
    const inc = await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const t0 = performance.now();
    const a = await dispatcher.send('POST', `/api/incidents/${inc.body.id}/assignments`, { unitId: unit.id });
    await ss.waitFor((f) => f.type === 'alert.created' && f.data.alertId === a.body.alertId);
    alerted.push(performance.now() - t0);
    await station.send('POST', `/api/units/${unit.id}/status`, { status: 'available' });
  }
  record('assign unit → alert on station socket (ms)', alerted);
  await ds.close();
  await ss.close();
} finally {
  await server.kill();
}

const f = (v: number) => v.toFixed(1).padStart(7);
console.log(`\n${'measurement'.padEnd(44)}      n     p50     p95     p99     max`);
for (const r of rows)
  console.log(
    `${r.what.padEnd(44)} ${String(r.n).padStart(6)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${f(r.max)}`,
  );
console.log(
  `\n(${new Date().toISOString()}, PostgreSQL on 127.0.0.1, Node ${process.version}, sequential requests)`,
);
