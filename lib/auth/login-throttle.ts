import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { sha256 } from './secret-token';

// Failed sign-ins slow down further attempts; they never lock an account. Counters live in PostgreSQL
// (table login_throttle): every node sees the same count and a restart does not reset it.
//
// - A browser where the account signed in before (its device cookie, table login_devices) is counted
//   on its own: a stranger's failures, from any address, never slow the operator at that workstation.
// - Otherwise failures count per (account, address) and per address: a stranger guessing one account
//   from their address slows only themselves; many accounts from one address slow that address.
// Past the free attempts each failure doubles the wait, capped, so the owner can always try again
// within a minute, and an attempt during the wait is refused without checking the password.

export interface ThrottlePolicy {
  /** Failures before any wait. */
  free: number;
  /** Longest wait, in seconds. */
  capS: number;
}

export const PAIR_POLICY: ThrottlePolicy = { free: 5, capS: 60 };
export const DEVICE_POLICY: ThrottlePolicy = { free: 5, capS: 60 };
// A centre's workstations may share one address (NAT): generous before it slows down.
export const ADDRESS_POLICY: ThrottlePolicy = { free: 30, capS: 60 };
/** Failures older than this are forgotten. */
export const THROTTLE_WINDOW_MIN = 15;

/** The wait after the n-th failure in the window: 0 while free, then 1, 2, 4, … seconds up to the cap. */
export function delayAfter(failures: number, p: ThrottlePolicy): number {
  if (failures <= p.free) return 0;
  return Math.min(p.capS, 2 ** Math.min(30, failures - p.free - 1));
}

export interface ThrottleKeys {
  keys: { key: string; policy: ThrottlePolicy }[];
}

/** The counters an attempt is charged to: its device's alone, or its account-at-address and address. */
export function throttleKeys(username: string, address: string, knownDevice: string | null): ThrottleKeys {
  if (knownDevice) return { keys: [{ key: `dev:${knownDevice}`, policy: DEVICE_POLICY }] };
  return {
    keys: [
      { key: `pair:${username.toLowerCase()}|${address}`, policy: PAIR_POLICY },
      { key: `addr:${address}`, policy: ADDRESS_POLICY },
    ],
  };
}

/** The device cookie's hash when it belongs to this account (a browser it signed in from before). */
export async function knownDevice(
  db: Db,
  username: string,
  deviceToken: string | null,
): Promise<string | null> {
  if (!deviceToken || deviceToken.length > 200) return null;
  const hash = sha256(deviceToken);
  const [row] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`
      select true as ok from login_devices d join users u on u.id = d.user_id
       where d.token_hash = ${hash} and lower(u.username) = lower(${username})`),
  );
  return row ? hash : null;
}

/** Seconds to wait before this attempt may be checked; 0 when it may. */
export async function retryAfter(db: Db, t: ThrottleKeys): Promise<number> {
  const rows = rowsOf<{ wait: number | string | null }>(
    await db.execute(sql`
      select ceil(extract(epoch from max(blocked_until) - now())) as wait
        from login_throttle where key in (${sql.join(
          t.keys.map((k) => sql`${k.key}`),
          sql`, `,
        )}) and blocked_until > now()`),
  );
  return Math.max(0, Number(rows[0]?.wait ?? 0));
}

/** Counts a failure on each key; a counter whose last failure left the window starts again at 1. */
export async function recordFailure(db: Db, t: ThrottleKeys): Promise<void> {
  for (const { key, policy } of t.keys) {
    const [row] = rowsOf<{ failures: number }>(
      await db.execute(sql`
        insert into login_throttle as t (key, failures, last_failure_at, blocked_until)
        values (${key}, 1, now(), now())
        on conflict (key) do update set
          failures = case when t.last_failure_at < now() - make_interval(mins => ${THROTTLE_WINDOW_MIN})
                          then 1 else t.failures + 1 end,
          last_failure_at = now()
        returning failures`),
    );
    const wait = delayAfter(row?.failures ?? 1, policy);
    if (wait > 0)
      await db.execute(
        sql`update login_throttle set blocked_until = now() + make_interval(secs => ${wait}) where key = ${key}`,
      );
  }
}

/**
 * After a successful sign-in: the account-at-address (or device) counter is cleared; the address's is
 * not (one valid account must not wash a guessing address clean).
 */
export async function recordSuccess(db: Db, t: ThrottleKeys): Promise<void> {
  const own = t.keys.filter((k) => !k.key.startsWith('addr:')).map((k) => k.key);
  if (own.length)
    await db.execute(
      sql`delete from login_throttle where key in (${sql.join(
        own.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
}

export const DEVICE_COOKIE = 'cad112_device';
export const DEVICE_COOKIE_DAYS = 180;

/**
 * Remembers this browser for the account: the cookie's token (kept when the browser has one, so the
 * operators of one workstation share it), and whether the cookie must be set.
 */
export async function rememberDevice(
  db: Db,
  userId: number,
  deviceToken: string | null,
  newToken: () => string,
): Promise<{ token: string; set: boolean }> {
  const keep = deviceToken && deviceToken.length <= 200 && /^[\x21-\x7e]+$/.test(deviceToken);
  const token = keep ? deviceToken : newToken();
  await db.execute(sql`
    insert into login_devices (token_hash, user_id) values (${sha256(token)}, ${userId})
    on conflict (token_hash, user_id) do update set last_used_at = now()`);
  return { token, set: !keep };
}
