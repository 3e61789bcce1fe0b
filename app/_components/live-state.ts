'use client';

import type { AlertDto } from '@/lib/alerts/alert-dto';
import type { IncidentTypeRow } from '@/lib/incident-types/list-incident-types';
import type { AssignmentDto, IncidentDto } from '@/lib/incidents/incident-dto';
import type { UnitDto } from '@/lib/units/unit-dto';

// The screens' shared types; the live state itself is folded by the pure reducers in lib/live/.
export {
  alertState,
  type IncidentMap,
  type IncidentRow,
  incidentMap,
  reduceIncidents,
} from '@/lib/live/incidents';
export { reduceUnits, type UnitMap, unitMap } from '@/lib/live/units';
export type { AlertDto, AssignmentDto, IncidentDto, UnitDto };

/** As served by GET /api/incident-types. */
export type IncidentType = IncidentTypeRow;
