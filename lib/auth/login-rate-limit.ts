// Failed logins per username and per address within a window; past the limit, logins wait.
const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 8;

class LoginRateLimit {
  private readonly failures = new Map<string, number[]>();

  private keys(username: string, ip: string): string[] {
    return [`u:${username.toLowerCase()}`, `ip:${ip}`];
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before another attempt, 0 when allowed. */
  retryAfter(username: string, ip: string, now = Date.now()): number {
    let wait = 0;
    for (const key of this.keys(username, ip)) {
      const list = this.recent(key, now);
      const limit = key.startsWith('ip:') ? MAX_FAILURES * 4 : MAX_FAILURES;
      if (list.length >= limit)
        wait = Math.max(wait, Math.ceil((WINDOW_MS - (now - (list[0] ?? now))) / 1000));
    }
    return wait;
  }

  failed(username: string, ip: string, now = Date.now()): void {
    for (const key of this.keys(username, ip)) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeeded(username: string, _ip: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }
}

const g = globalThis as { __cad112LoginLimit?: LoginRateLimit };

export function loginRateLimit(): LoginRateLimit {
  g.__cad112LoginLimit ??= new LoginRateLimit();
  return g.__cad112LoginLimit;
}
