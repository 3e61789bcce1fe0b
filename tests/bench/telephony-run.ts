// npm run bench:telephony – section 8 of the benchmark alone (the 112 call through Kamailio) on a fresh
// database; BENCH_LOAD_S sets the load's length (default 60 s).
import pg from 'pg';
import { prepareDatabase } from '../helpers/prepare-db';
import { notes, rows } from './figures';
import { benchTelephony } from './telephony';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'cad112_bench_telephony';
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`);
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists ${DB} with (force)`);
await admin.query(`create database ${DB}`);
await admin.end();
await prepareDatabase(DB_URL, DB_URL);
const raw = new pg.Client({ connectionString: DB_URL });
await raw.connect();
await benchTelephony(DB_URL, raw, Number(process.env.BENCH_LOAD_S ?? 60));
await raw.end();
for (const r of rows)
  console.log(
    `${r.what.padEnd(80)} ${String(r.n).padStart(6)} ${r.p50.toFixed(1)} ${r.p99.toFixed(1)} ${r.max.toFixed(1)}`,
  );
for (const n of notes) console.log(`- ${n}`);
process.exit(0);
