import { describe, expect, it } from 'vitest';
import { loginRateLimit } from '../../lib/auth/login-rate-limit';

describe('login rate limit', () => {
  it('makes a username wait after repeated failures, and forgets after success', () => {
    const l = loginRateLimit();
    const t = Date.now();
    for (let i = 0; i < 8; i++) l.failed('victim', '10.0.0.1', t);
    expect(l.retryAfter('victim', '10.0.0.2', t)).toBeGreaterThan(0);
    expect(l.retryAfter('someone-else', '10.0.0.3', t)).toBe(0);
    expect(l.retryAfter('victim', '10.0.0.2', t + 6 * 60_000)).toBe(0);
    l.succeeded('victim', '10.0.0.1');
    expect(l.retryAfter('victim', '10.0.0.9', t)).toBe(0);
  });
});
