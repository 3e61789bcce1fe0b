import type { UNIT_STATUSES } from '../../db/schema';

export type UnitStatus = (typeof UNIT_STATUSES)[number];

// The unit lifecycle in one table. "alerted" is entered only by an assignment (assign-unit.ts);
// "available" from an assigned status releases the unit from its incident.
const NEXT: Record<UnitStatus, readonly UnitStatus[]> = {
  available: ['out_of_service'],
  alerted: ['acknowledged', 'en_route', 'available'],
  acknowledged: ['en_route', 'available'],
  en_route: ['on_scene', 'returning', 'available'],
  on_scene: ['transporting', 'returning', 'available'],
  transporting: ['at_hospital', 'available'],
  at_hospital: ['returning', 'available'],
  returning: ['available', 'out_of_service'],
  out_of_service: ['available'],
};

export function unitTransitionError(from: UnitStatus, to: UnitStatus): string | null {
  if (NEXT[from].includes(to)) return null;
  const allowed = NEXT[from].join(', ') || 'none';
  return `a unit that is ${from} cannot become ${to} (allowed: ${allowed})`;
}

export const ASSIGNABLE_UNIT_STATUSES: readonly UnitStatus[] = ['available', 'returning'];

/** Unit statuses that mean the unit works on an incident. */
export const ENGAGED_UNIT_STATUSES: readonly UnitStatus[] = [
  'alerted',
  'acknowledged',
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
];
