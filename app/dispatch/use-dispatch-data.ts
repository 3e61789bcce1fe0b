'use client';

import { useCallback, useMemo, useState } from 'react';
import type { EventFrame } from '@/lib/events/catalogue';
import { byUrgency, isOpenIncident } from '@/lib/incidents/incident-status';
import { apiGet } from '../_components/api';
import {
  type IncidentMap,
  type IncidentRow,
  incidentMap,
  reduceIncidents,
  reduceUnits,
  type UnitDto,
  type UnitMap,
  unitMap,
} from '../_components/live-state';
import { useIncidentTypes } from '../_components/use-incident-types';
import { useRealtime } from '../_components/use-realtime';

// Open incidents and units, loaded once and kept live by the reducers over the event stream: the
// dispatcher's screen and its map window both read the centre's state through this hook.
export function useDispatchData(extra?: (f: EventFrame) => void, alsoOnReady?: () => void) {
  const [incidents, setIncidents] = useState<IncidentMap>(new Map());
  const [units, setUnits] = useState<UnitMap>(new Map());
  const { types, typeName } = useIncidentTypes();

  const load = useCallback(async () => {
    const [list, us] = await Promise.all([
      apiGet<IncidentRow[]>('/api/incidents?status=open&limit=10000'),
      apiGet<UnitDto[]>('/api/units'),
    ]);
    setIncidents(incidentMap(list));
    setUnits(unitMap(us));
    alsoOnReady?.();
  }, [alsoOnReady]);
  const onEvent = useCallback(
    (f: EventFrame) => {
      extra?.(f);
      setIncidents((m) => reduceIncidents(m, f));
      setUnits((m) => reduceUnits(m, f));
    },
    [extra],
  );
  const { state } = useRealtime(onEvent, load);
  /** The open incidents, most urgent first (the board's and the map's list). */
  const open = useMemo(
    () => [...incidents.values()].filter((i) => isOpenIncident(i.status)).sort(byUrgency),
    [incidents],
  );
  const unitList = useMemo(() => [...units.values()], [units]);
  /** Adds incidents read outside the open list (a closed one to reopen, one jumped to by number). */
  const put = useCallback(
    (list: IncidentRow[]) =>
      setIncidents((m) => {
        const next = new Map(m);
        for (const i of list) if ((m.get(i.id)?.version ?? 0) <= i.version) next.set(i.id, i);
        return next;
      }),
    [],
  );
  return { incidents, open, units, unitList, types, typeName, state, put };
}
