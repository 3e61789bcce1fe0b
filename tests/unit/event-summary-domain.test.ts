import { describe, expect, it } from 'vitest';
import { eventSummary } from '../../app/_components/event-summary';
import type { EventFrame } from '../../lib/events/catalogue';
import { LANGS, messages } from '../../lib/i18n/messages';
import { oneOfEach } from '../fixtures/all-events';

// The audit trail reads the domain databases' events in words, in both languages, without codes.
const DOMAIN = /^(oncall|domain|location_note)\.|^incident\.substance_/;

describe('audit summaries of the domain databases’ events', () => {
  for (const lang of LANGS)
    it(`says what happened in ${lang}`, () => {
      const frames = oneOfEach()
        .filter((e) => DOMAIN.test(e.type))
        .map(
          (e, i) => ({ seq: i + 1, type: e.type, at: '2026-11-29T10:00:00Z', data: e.data }) as EventFrame,
        );
      expect(frames).toHaveLength(8);
      for (const f of frames) {
        const text = eventSummary(f, { t: (k) => messages[lang][k], lang, typeName: (c) => c });
        expect(text, f.type).not.toBe('');
        expect(text, f.type).not.toMatch(/\b[a-z]+_[a-z_]+\b|undefined/);
      }
    });
});
