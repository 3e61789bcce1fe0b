import { describe, expect, it } from 'vitest';
import {
  ADDRESS_POLICY,
  DEVICE_POLICY,
  delayAfter,
  PAIR_POLICY,
  throttleKeys,
} from '../../lib/auth/login-throttle';

describe('login throttle', () => {
  it('is free for the first failures, then doubles the wait, capped at a minute', () => {
    expect([1, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((n) => delayAfter(n, PAIR_POLICY))).toEqual([
      0, 0, 1, 2, 4, 8, 16, 32, 60, 60,
    ]);
    expect(delayAfter(1_000_000, PAIR_POLICY)).toBe(60);
    expect(delayAfter(30, ADDRESS_POLICY)).toBe(0);
    expect(delayAfter(31, ADDRESS_POLICY)).toBe(1);
    expect(delayAfter(1_000, DEVICE_POLICY)).toBe(60);
  });

  it('charges a known browser only its own counter, anyone else the account-at-address and the address', () => {
    expect(throttleKeys('Ana', '10.0.0.1', 'abc').keys.map((k) => k.key)).toEqual(['dev:abc']);
    expect(throttleKeys('Ana', '10.0.0.1', null).keys.map((k) => k.key)).toEqual([
      'pair:ana|10.0.0.1',
      'addr:10.0.0.1',
    ]);
  });
});
