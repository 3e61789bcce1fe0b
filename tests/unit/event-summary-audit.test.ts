import { describe, expect, it } from 'vitest';
import { eventSummary } from '../../app/_components/event-summary';
import type { EventFrame } from '../../lib/events/catalogue';
import { messages } from '../../lib/i18n/messages';
import { oneOfEach } from '../fixtures/all-events';

// The audit trail reads what a field was before it was overwritten, and an anchor, in words.

const frame = (type: string): EventFrame => {
  const e = oneOfEach().find((x) => x.type === type);
  if (!e) throw new Error(type);
  return { seq: 1, type: e.type, at: '2026-11-29T10:00:00Z', data: e.data } as EventFrame;
};

describe('audit summaries with previous values', () => {
  it('incident.updated says each changed field from → to, in both languages', () => {
    const f = frame('incident.updated');
    const sl = eventSummary(f, { t: (k) => messages.sl[k], lang: 'sl', typeName: (c) => c });
    const en = eventSummary(f, { t: (k) => messages.en[k], lang: 'en', typeName: (c) => c });
    expect(sl).toBe(`${messages.sl.priority}: ${messages.sl.priorityGreen} → ${messages.sl.priorityRed}`);
    expect(en).toBe(`${messages.en.priority}: ${messages.en.priorityGreen} → ${messages.en.priorityRed}`);
  });

  it('a description overwritten long ago, and an event without before (older log), still read', () => {
    const f = frame('incident.updated') as EventFrame<'incident.updated'>;
    const described = {
      ...f,
      data: {
        ...f.data,
        changes: ['description' as const],
        before: { description: 'Gori kuhinja' },
        incident: { ...f.data.incident, description: 'Gori dnevna soba' },
      },
    };
    expect(eventSummary(described, { t: (k) => messages.sl[k], lang: 'sl', typeName: (c) => c })).toBe(
      `${messages.sl.description}: Gori kuhinja → Gori dnevna soba`,
    );
    const { before: _gone, ...old } = f.data;
    const text = eventSummary(
      { ...f, data: old },
      { t: (k) => messages.en[k], lang: 'en', typeName: (c) => c },
    );
    expect(text).toContain(messages.en.priority);
  });

  it('audit.anchored names the entry, the fingerprint and where it went, without codes', () => {
    for (const lang of ['sl', 'en'] as const) {
      const text = eventSummary(frame('audit.anchored'), {
        t: (k) => messages[lang][k],
        lang,
        typeName: (c) => c,
      });
      expect(text).toContain('#41');
      expect(text).toContain('ae64128bc081…');
      expect(text).toContain(
        `${messages[lang].chainDestFile} /var/lib/cad112/anchors.jsonl: ${messages[lang].anchorOk}`,
      );
    }
  });
});
