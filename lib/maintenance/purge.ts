import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';

// Rows that only matter for a while: stored answers to Idempotency-Keys (a retry within the window gets
// the same answer; after it, the key may be reused), sessions past their expiry, failed-login counters
// whose window has passed, and remembered browsers whose cookie has expired. Run by every node every few minutes; each DELETE is idempotent.

export interface PurgeResult {
  idempotencyKeys: number;
  sessions: number;
  loginThrottle: number;
  loginDevices: number;
}

export async function purgeExpired(
  db: Db,
  opts: { idempotencyHours: number; throttleWindowMin: number; deviceDays: number },
): Promise<PurgeResult> {
  const count = async (q: ReturnType<typeof sql>) =>
    Number(rowsOf<{ n: number | string }>(await db.execute(q))[0]?.n ?? 0);
  // A claim in progress (status 0) belongs to a transaction still running: never purged under it.
  const idempotencyKeys = await count(sql`
    with d as (delete from idempotency_keys
                where created_at < now() - make_interval(hours => ${opts.idempotencyHours}) and status <> 0
                returning 1)
    select count(*) as n from d`);
  const sessions = await count(sql`
    with d as (delete from sessions where expires_at < now() returning 1) select count(*) as n from d`);
  const loginThrottle = await count(sql`
    with d as (delete from login_throttle
                where last_failure_at < now() - make_interval(mins => ${opts.throttleWindowMin})
                  and blocked_until < now()
                returning 1)
    select count(*) as n from d`);
  // A browser not used to sign in for as long as its cookie lives is forgotten with it.
  const loginDevices = await count(sql`
    with d as (delete from login_devices where last_used_at < now() - make_interval(days => ${opts.deviceDays})
                returning 1)
    select count(*) as n from d`);
  return { idempotencyKeys, sessions, loginThrottle, loginDevices };
}
