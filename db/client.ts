import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

// One typed handle for both drivers: node-postgres against a real PostgreSQL + PostGIS when
// DATABASE_URL is set, otherwise PGlite + PostGIS in-process with its data in a local folder.
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Notification = (payload: string) => void;

export interface DbHandle {
  kind: 'pg' | 'pglite';
  db: Db;
  /**
   * Connections of their own for the realtime hub's reads of the log (new events, scopes, replays), so
   * that delivery never queues behind the requests' writes for a pooled connection (issue 20's national
   * load). The embedded database has one connection: there it is `db`.
   */
  readDb: Db;
  /** LISTEN on a channel; onReconnect fires after the listener lost and regained its connection. */
  listen(channel: string, onNotify: Notification, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  pgliteDir: string;
  poolSize?: number;
  onError?: (err: unknown) => void;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  return opts.databaseUrl ? openPg(opts.databaseUrl, opts) : openPglite(opts.pgliteDir);
}

async function openPg(url: string, opts: OpenOptions): Promise<DbHandle> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    // A database machine that vanishes without a reset (power, network) is noticed by the kernel.
    keepAlive: true,
  });
  // An idle client dying (database restart) must not crash the process.
  pool.on('error', (err) => opts.onError?.(err));
  const db = drizzle(pool, { schema }) as unknown as Db;
  const readPool = new pg.Pool({
    connectionString: url,
    max: 3,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  readPool.on('error', (err) => opts.onError?.(err));
  const readDb = drizzle(readPool, { schema }) as unknown as Db;
  const listeners = new Set<{ stop: () => Promise<void> }>();

  async function listen(channel: string, onNotify: Notification, onReconnect?: () => void) {
    let client: InstanceType<typeof pg.Client> | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    let firstConnect = true;

    const connect = async (): Promise<void> => {
      if (stopped) return;
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000, keepAlive: true });
      c.on('error', (err) => opts.onError?.(err));
      c.on('end', () => {
        if (!stopped) schedule();
      });
      c.on('notification', (n) => {
        if (n.channel === channel) onNotify(n.payload ?? '');
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${quoteIdent(channel)}`);
        client = c;
        if (!firstConnect) onReconnect?.();
        firstConnect = false;
      } catch (err) {
        opts.onError?.(err);
        c.removeAllListeners('end');
        await c.end().catch(() => {});
        schedule();
      }
    };
    const schedule = () => {
      if (stopped || retry) return;
      client = undefined;
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, 500);
    };
    await connect();
    const entry = {
      stop: async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        await client?.end().catch(() => {});
      },
    };
    listeners.add(entry);
    return async () => {
      listeners.delete(entry);
      await entry.stop();
    };
  }

  return {
    kind: 'pg',
    db,
    readDb,
    listen,
    async close() {
      for (const l of listeners) await l.stop();
      await pool.end();
      await readPool.end();
    },
  };
}

async function openPglite(dir: string): Promise<DbHandle> {
  mkdirSync(dir, { recursive: true });
  const releaseLock = lockDataFolder(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create({ dataDir: dir, extensions: { postgis, pg_trgm } });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    readDb: db,
    async listen(channel, onNotify) {
      const unsub = await client.listen(channel, onNotify);
      return async () => unsub();
    },
    async close() {
      await client.close();
      releaseLock();
    },
  };
}

// PGlite takes no lock of its own, and two processes on one data folder corrupt it. A lock file with
// the owner's pid refuses a second opener; a lock left by a dead process is taken over.
function lockDataFolder(dir: string): () => void {
  const lockPath = path.join(dir, 'cad112.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner))
        throw new Error(`the embedded database in ${dir} is in use by process ${owner}; stop it first`);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`cannot lock ${dir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad channel name ${name}`);
  return name;
}

// The process-wide handle. server.ts opens the database exactly once and registers it here;
// Next's route handlers (bundled separately) reach the same instance through globalThis.
const g = globalThis as { __cad112Db?: DbHandle };

export function setDbHandle(handle: DbHandle | undefined): void {
  g.__cad112Db = handle;
}

export function dbHandle(): DbHandle {
  if (!g.__cad112Db) throw new Error('database not opened: start the app through server.ts');
  return g.__cad112Db;
}

export function getDb(): Db {
  return dbHandle().db;
}

/** Rows of a raw `db.execute(sql...)`: both drivers answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
