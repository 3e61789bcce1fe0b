import { sql } from 'drizzle-orm';
import { type DbHandle, MIGRATIONS_FOLDER } from './client';

const MIGRATION_LOCK = 112_000_001;

// Applies the committed migrations. On a real server several nodes may start at once, so the run is
// serialised with a session advisory lock held on one dedicated connection.
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the pglite migrator wants its own database type
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // biome-ignore lint/suspicious/noExplicitAny: reach the pool behind the drizzle handle
  const pool = (handle.db as any).$client as import('pg').Pool;
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await db.execute(sql`select 1`);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
