import { type AssignmentStatus, UNIT_STATUSES, type UnitStatus } from '../../db/schema/enums';

export type { AssignmentStatus, UnitStatus };
export { UNIT_STATUSES };

// The unit lifecycle in one table. "alerted" is entered only by an assignment (assign-unit.ts, through
// alertTransitionError); "available" from an assigned status releases the unit from its incident.
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

/** The statuses a unit may report next (a dispatcher's radio report offers these). */
export function nextUnitStatuses(from: UnitStatus): readonly UnitStatus[] {
  return NEXT[from];
}

export function unitTransitionError(from: UnitStatus, to: UnitStatus): string | null {
  if (NEXT[from].includes(to)) return null;
  const allowed = NEXT[from].join(', ') || 'none';
  return `a unit that is ${from} cannot become ${to} (allowed: ${allowed})`;
}

export const ASSIGNABLE_UNIT_STATUSES: readonly UnitStatus[] = ['available', 'returning'];

const FREE: readonly UnitStatus[] = ['available', 'returning', 'out_of_service'];
/** Unit statuses that mean the unit works on an incident. */
export const ENGAGED_UNIT_STATUSES: readonly UnitStatus[] = UNIT_STATUSES.filter((s) => !FREE.includes(s));

/** What a crew reports from its screen, in the order of a call-out (alerted and acknowledged come with the alert). */
export const CREW_REPORTS: readonly UnitStatus[] = [
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
  'returning',
  'available',
  'out_of_service',
];

/** Why an assignment may not alert a unit in this status (null: it may). */
export function alertTransitionError(from: UnitStatus): string | null {
  if (ASSIGNABLE_UNIT_STATUSES.includes(from)) return null;
  return `unit is ${from}, not available${ENGAGED_UNIT_STATUSES.includes(from) ? ' (send reassign: true to take it off its incident)' : ''}`;
}

/** The status of a unit's active assignment when the unit reports a status. */
export function assignmentStatusFor(status: UnitStatus): AssignmentStatus {
  return status === 'available' || status === 'out_of_service' ? 'released' : status;
}
