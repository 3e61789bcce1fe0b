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

describe('times typed on a 24-hour clock in Ljubljana', () => {
  it('become instants in winter (UTC+1) and summer (UTC+2), and back', async () => {
    const { fromLjubljana, toLjubljana } = await import('../../lib/i18n/format');
    expect(fromLjubljana('2026-01-15', '23:05')?.toISOString()).toBe('2026-01-15T22:05:00.000Z');
    expect(fromLjubljana('2026-07-15', '00:05')?.toISOString()).toBe('2026-07-14T22:05:00.000Z');
    // The morning the clocks go forward (29 March 2026, 02:00 → 03:00).
    expect(fromLjubljana('2026-03-29', '04:00')?.toISOString()).toBe('2026-03-29T02:00:00.000Z');
    expect(fromLjubljana('2026-03-29', '25:00')).toBeNull();
    expect(fromLjubljana('29.3.2026', '04:00')).toBeNull();
    expect(toLjubljana(new Date('2026-07-14T22:05:00Z'))).toEqual({ date: '2026-07-15', time: '00:05' });
  });
});
