import pg from 'pg';
import { prepareDatabase } from '../helpers/prepare-db';

/** A fresh, migrated and seeded database of this name on the local PostgreSQL: its URL and a raw client. */
export async function freshBenchDatabase(name: string): Promise<{ url: string; raw: pg.Client }> {
  const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  await prepareDatabase(url, url);
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  return { url, raw };
}
