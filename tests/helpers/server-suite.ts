import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { login, type Session } from './api';
import { rawClient } from './db';
import { type RunningServer, startServer } from './server';

/**
 * A file's setting: one server (with extra settings if given), the named demo users signed in, and a
 * raw client to read the log with. Call at the top of a file; the fields are filled before its tests.
 */
export function serverSuite<const U extends string>(opts: {
  users: readonly U[];
  env?: Record<string, string>;
}) {
  const s = {} as { server: RunningServer; raw: pg.Client; as: Record<U, Session> };
  beforeAll(async () => {
    s.server = await startServer({ env: opts.env });
    s.raw = await rawClient();
    const sessions = await Promise.all(opts.users.map((u) => login(s.server.url, u)));
    s.as = Object.fromEntries(opts.users.map((u, i) => [u, sessions[i] as Session])) as Record<U, Session>;
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
