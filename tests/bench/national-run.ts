// npm run bench:national – section 12 of the benchmark alone (the national load), on a fresh database.
// NATIONAL_S sets the load's length (default 300 s, the five minutes).
import pg from 'pg';
import { prepareDatabase } from '../helpers/prepare-db';
import { notes, rows } from './figures';
import { benchNational } from './national';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cad112_bench_national';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists ${DB} with (force)`);
await admin.query(`create database ${DB}`);
await admin.end();
await prepareDatabase(DB_URL, DB_URL);
const raw = new pg.Client({ connectionString: DB_URL });
await raw.connect();
await benchNational(DB_URL, raw, Number(process.env.NATIONAL_S ?? 300));
await raw.end();
const f = (v: number) => v.toFixed(1).padStart(8);
console.log(`\n${'measurement (ms unless MB)'.padEnd(80)}      n      p50      p95      p99      max  goal`);
for (const r of rows)
  console.log(
    `${r.what.padEnd(80)} ${String(r.n).padStart(6)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${f(r.max)}  ${r.goal ?? ''}`,
  );
for (const n of notes) console.log(`- ${n}`);
console.log(`\n(${new Date().toISOString()}, PostgreSQL on 127.0.0.1, Node ${process.version}, 2 cores)`);
process.exit(0);
