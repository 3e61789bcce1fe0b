import { describe, expect, it } from 'vitest';
import { UNIT_STATUSES } from '../../db/schema';
import { unitTransitionError } from '../../lib/units/unit-status-machine';

// Every pair of statuses, checked against the lifecycle a crew actually goes through.
const VALID = new Set([
  'available>out_of_service',
  'alerted>acknowledged',
  'alerted>en_route',
  'alerted>available',
  'acknowledged>en_route',
  'acknowledged>available',
  'en_route>on_scene',
  'en_route>returning',
  'en_route>available',
  'on_scene>transporting',
  'on_scene>returning',
  'on_scene>available',
  'transporting>at_hospital',
  'transporting>available',
  'at_hospital>returning',
  'at_hospital>available',
  'returning>available',
  'returning>out_of_service',
  'out_of_service>available',
]);

describe('unit status machine', () => {
  for (const from of UNIT_STATUSES) {
    for (const to of UNIT_STATUSES) {
      if (from === to) continue;
      const ok = VALID.has(`${from}>${to}`);
      it(`${from} → ${to} is ${ok ? 'allowed' : 'refused with a reason'}`, () => {
        const err = unitTransitionError(from, to);
        if (ok) expect(err).toBeNull();
        else expect(err).toMatch(new RegExp(`${from} cannot become ${to}`));
      });
    }
  }

  it('nobody can put an available unit into "alerted" by hand: only an assignment does that', () => {
    expect(unitTransitionError('available', 'alerted')).not.toBeNull();
  });
});
