import { describe, expect, it } from 'vitest';
import { formatElapsed, formatTime } from '../../lib/i18n/format';
import { messages } from '../../lib/i18n/messages';

describe('UI strings', () => {
  it('English has every Slovenian key and no empty string', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.sl).sort());
    for (const lang of ['sl', 'en'] as const)
      for (const v of Object.values(messages[lang])) expect(v.trim()).not.toBe('');
  });
});

describe('times', () => {
  it('are shown on a 24-hour clock in Europe/Ljubljana (winter: UTC+1, summer: UTC+2)', () => {
    expect(formatTime('2026-01-15T22:05:09Z')).toBe('23:05:09');
    expect(formatTime('2026-07-15T22:05:09Z')).toBe('00:05:09');
  });

  it('elapsed timers read m:ss and h:mm:ss', () => {
    const t0 = '2026-01-01T00:00:00Z';
    expect(formatElapsed(t0, Date.parse(t0) + 65_000)).toBe('1:05');
    expect(formatElapsed(t0, Date.parse(t0) + 3_725_000)).toBe('1:02:05');
  });
});

describe('D96/TM on screen', () => {
  it('groups thousands and never breaks inside a coordinate', async () => {
    const { formatD96 } = await import('../../lib/i18n/format');
    expect(formatD96({ e: 461850.4, n: 101474.6 })).toBe('E\u00a0461\u00a0850 N\u00a0101\u00a0475');
  });
});
