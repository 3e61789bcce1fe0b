import pg from 'pg';
import { type DbHandle, openDatabase } from '../../db/client';
import type { Session } from './api';
import { TEST_DATABASE_URL } from './env';

export function openTestDb(): Promise<DbHandle> {
  return openDatabase({ databaseUrl: TEST_DATABASE_URL, pgliteDir: '' });
}

/** A raw client for assertions that should not go through the code under test. */
export async function rawClient(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  return c;
}

export async function count(c: pg.Client, table: string): Promise<number> {
  const r = await c.query(`select count(*)::int as n from ${table}`);
  return r.rows[0].n as number;
}

export async function tableCounts(c: pg.Client) {
  const tables = ['incidents', 'events', 'assignments', 'alerts', 'incident_notes', 'idempotency_keys'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(c, t);
  return out;
}

/** The first available unit whose callsign starts with a prefix (e.g. 'GB-LJ-'). */
export async function availableUnit(c: pg.Client, prefix: string): Promise<number> {
  const r = await c.query(
    `select id from units where callsign like $1 and status = 'available' order by callsign limit 1`,
    [`${prefix}%`],
  );
  if (!r.rows[0]) throw new Error(`no available unit ${prefix}*`);
  return r.rows[0].id as number;
}

/**
 * Earlier files share the database and may have left units on an incident: a file that counts on
 * units being free releases them first, as their crews would (the status report, through the API).
 */
export async function freeUnits(c: pg.Client, who: Session, prefixes: string[]): Promise<void> {
  const busy = await c.query(`select id from units where callsign like any($1) and status <> 'available'`, [
    prefixes.map((p) => `${p}%`),
  ]);
  for (const r of busy.rows) {
    const res = await who.send('POST', `/api/units/${r.id}/status`, { status: 'available' });
    if (res.status !== 200) throw new Error(`unit ${r.id} not released: ${res.status}`);
  }
}
