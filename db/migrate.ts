import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type DbHandle, MIGRATIONS_FOLDER, openDatabase, rowsOf } from './client';
import { appliedMigrations, canMigrate, grantServerRole, SCHEMA_LOCK } from './roles';

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
    await client.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await db.execute(sql`select 1`);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => {});
    client.release();
  }
}

/** How many migrations this version of the code brings. */
export function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Brings the schema up to date for a server (or a command) connected as `app`:
 * - with an owner's URL, migrates as the owner and grants the app's role what it needs (db/roles.ts);
 * - else, when the app's own role may migrate (the embedded database, a single-role install), migrates;
 * - else checks that the owner already did, and refuses to start on an old schema.
 */
export async function prepareSchema(app: DbHandle, ownerUrl?: string): Promise<void> {
  if (app.kind === 'pglite') return migrateDatabase(app);
  const [me] = rowsOf<{ role: string }>(await app.db.execute(sql`select current_user::text as role`));
  const role = me?.role ?? '';
  if (ownerUrl) {
    const owner = await openDatabase({ databaseUrl: ownerUrl, pgliteDir: '', poolSize: 2 });
    try {
      await migrateDatabase(owner);
      const [o] = rowsOf<{ role: string }>(await owner.db.execute(sql`select current_user::text as role`));
      if (o?.role !== role) await grantServerRole(owner.db, role);
    } finally {
      await owner.close();
    }
    return;
  }
  if (await canMigrate(app.db)) return migrateDatabase(app);
  const applied = await appliedMigrations(app.db);
  const expected = expectedMigrations();
  if (applied < expected)
    throw new Error(
      `the database has ${applied} of ${expected} migrations and role ${role} may not apply them: ` +
        'run npm run db:migrate with DATABASE_OWNER_URL set to the owner role',
    );
}
