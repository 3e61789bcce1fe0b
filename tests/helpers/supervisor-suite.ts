import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { login, type Session } from './api';
import { rawClient } from './db';
import { type RunningServer, startServer } from './server';

/**
 * The administration suites' setting: a server, a supervisor signed in, and a raw client to read the
 * log with. Call at the top of a file; the fields are filled before its tests run.
 */
export function supervisorSuite() {
  const s = {} as { server: RunningServer; raw: pg.Client; sup: Session };
  beforeAll(async () => {
    s.server = await startServer();
    s.raw = await rawClient();
    s.sup = await login(s.server.url, 'supervisor');
  });
  afterAll(async () => {
    await s.raw.end();
    await s.server.kill();
  });
  /** The newest event of a type, as stored. */
  const lastEvent = async (type: string) =>
    (await s.raw.query('select * from events where type = $1 order by seq desc limit 1', [type])).rows[0];
  return { s, lastEvent };
}
