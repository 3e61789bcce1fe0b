import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../lib/errors';

// Which failures are "the database is not there for us now" (503 + Retry-After, the client retries)
// rather than a bug (500).
describe('isDatabaseUnavailable', () => {
  it('counts a full connection pool (an overloaded node) as unavailable, wrapped or not', () => {
    const pool = new Error('timeout exceeded when trying to connect');
    expect(isDatabaseUnavailable(pool)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('Failed query: select 1'), { cause: pool }))).toBe(
      true,
    );
  });

  it('counts a standby that refuses writes, a refused socket and a dropped connection', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('read-only'), { code: '25006' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not hide a bug or a constraint violation as an outage', () => {
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });
});
