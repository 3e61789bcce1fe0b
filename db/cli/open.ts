import { env } from '../../lib/env';
import { log } from '../../lib/log';
import { type DbHandle, openDatabase } from '../client';

export async function openFromEnv(): Promise<DbHandle> {
  const e = env();
  return openDatabase({
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    poolSize: 2,
    onError: (err) => log().warn({ err }, 'database connection error'),
  });
}
