import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE, EVENT_FAMILIES, EVENT_TYPES, type EventScope } from '../../lib/events/catalogue';
import { withEventTable } from '../../lib/events/event-table';
import { oneOfEach } from '../fixtures/all-events';

// The catalogue is the contract: every type has a builder, each builder files its event under the
// ids the catalogue promises (they decide which stations see it), and the protocol document says so.

const events = oneOfEach();

describe('the event catalogue', () => {
  it('has a builder for every event type, and every builder makes a catalogue type', () => {
    expect(events.map((e) => e.type).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('files each event under exactly the ids its entry names', () => {
    for (const e of events) {
      const ids: EventScope[] = [];
      if (e.incidentId !== null) ids.push('incident');
      if (e.unitId !== null) ids.push('unit');
      if (e.stationId !== null) ids.push('station');
      expect(ids, e.type).toEqual([...EVENT_CATALOGUE[e.type].scope]);
    }
  });

  it('lists every payload field in the entry the document is made from', () => {
    for (const e of events)
      expect(Object.keys(e.data).sort(), e.type).toEqual([...EVENT_CATALOGUE[e.type].data].sort());
  });

  it('has a name in both languages for every type and family', () => {
    for (const t of EVENT_TYPES) {
      const { sl, en } = EVENT_CATALOGUE[t].label;
      expect(sl.length && en.length, t).toBeTruthy();
      expect(EVENT_FAMILIES[t.split('.')[0] as keyof typeof EVENT_FAMILIES], t).toBeDefined();
    }
  });

  it('is what docs/realtime-protocol.md shows (npm run docs:events rewrites the table)', () => {
    const doc = readFileSync('docs/realtime-protocol.md', 'utf8');
    expect(withEventTable(doc)).toBe(doc);
  });
});
