import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from './client';

// Two database roles (docs/proof.md, README "Production"): the owner runs the migrations and owns every
// table; the server's own role may read and write the working tables but only append to the evidence
// (the event log and its anchors): no UPDATE, DELETE or TRUNCATE there, not the owner (so it cannot
// disable a trigger or replace the trigger's function), not a superuser (so it cannot switch triggers
// off with session_replication_role).

/** Tables the server may only append to. */
export const APPEND_ONLY_TABLES = ['events', 'audit_anchors'] as const;

const EVENT_CONTENT_COLUMNS = [
  'type',
  'at',
  'incident_id',
  'unit_id',
  'station_id',
  'actor_user_id',
  'actor',
  'payload',
] as const;

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_$]{0,62}$/.test(name)) throw new Error(`not a plain role name: ${name}`);
  return `"${name}"`;
}

/**
 * Gives the server's role what it needs on the current schema, as the owner, after every migration
 * (idempotent; a new table is covered by the next run).
 */
/** Held while the schema is migrated or the server's role granted (one node at a time). */
export const SCHEMA_LOCK = 112_000_001;

export async function grantServerRole(ownerDb: Db, role: string): Promise<void> {
  const r = ident(role);
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${r}`,
    // A new event names its content; seq (from the sequence) and hash (from the chain trigger) are the
    // database's: without the column privilege the role cannot even try to choose them.
    `REVOKE INSERT ON events FROM ${r}`,
    `GRANT INSERT (${EVENT_CONTENT_COLUMNS.join(', ')}) ON events TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    // To check at start that the schema is current (it cannot migrate).
    `GRANT USAGE ON SCHEMA drizzle TO ${r}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${r}`,
  ];
  // Several nodes starting at once each grant: concurrent GRANTs on one object fail ("tuple concurrently
  // updated"), so the grants take the migrations' lock, in one transaction.
  await ownerDb.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SCHEMA_LOCK})`);
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
}

export interface LogProtection {
  /** The role the server runs as. */
  role: string;
  superuser: boolean;
  /** The role owns the event log (or is a member of its owner): it could disable its triggers. */
  owner: boolean;
  /** It may change or remove rows of the event log (privileges; the trigger refuses them too). */
  canRewrite: boolean;
  /** Neither superuser nor owner nor a writer of anything but new rows. */
  protected: boolean;
}

/** What the connected role could do to the event log. */
export async function logProtection(db: Db): Promise<LogProtection> {
  const [row] = rowsOf<{ role: string; superuser: boolean; owner: boolean; rewrite: boolean }>(
    await db.execute(sql`
      select current_user::text as role,
             coalesce((select rolsuper from pg_roles where rolname = current_user), false) as superuser,
             pg_has_role(current_user, c.relowner, 'USAGE') as owner,
             (has_table_privilege('events', 'UPDATE') or has_table_privilege('events', 'DELETE')
               or has_table_privilege('events', 'TRUNCATE')) as rewrite
        from pg_class c where c.oid = 'events'::regclass`),
  );
  if (!row) throw new Error('no events table: migrate first');
  return {
    role: row.role,
    superuser: row.superuser,
    owner: row.owner,
    canRewrite: row.rewrite,
    protected: !row.superuser && !row.owner && !row.rewrite,
  };
}

/** Whether the connected role may create objects in this database (migrate). */
export async function canMigrate(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`
      select (select rolsuper from pg_roles where rolname = current_user)
          or has_database_privilege(current_database(), 'CREATE')
          or pg_has_role(current_user, (select datdba from pg_database where datname = current_database()), 'USAGE')
          as ok`),
  );
  return row?.ok === true;
}

/** How many migrations the database has applied (drizzle's own table), or 0 before the first. */
export async function appliedMigrations(db: Db): Promise<number> {
  const [exists] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`),
  );
  if (!exists?.ok) return 0;
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
  );
  return Number(row?.n ?? 0);
}
