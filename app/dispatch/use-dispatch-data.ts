'use client';

import { useCallback, useState } from 'react';
import type { EventFrame } from '@/lib/realtime/event-types';
import { apiGet } from '../_components/api';
import { useUi } from '../_components/i18n';
import {
  applyToIncidents,
  applyToUnits,
  type IncidentRow,
  type IncidentType,
  type UnitDto,
} from '../_components/live-state';
import { useRealtime } from '../_components/use-realtime';

// Open incidents, units and incident types, loaded once and kept live from the event stream: the
// dispatcher's screen and its map window both read the centre's state through this hook.
export function useDispatchData(extra?: (f: EventFrame) => void) {
  const { lang } = useUi();
  const [incidents, setIncidents] = useState<Map<number, IncidentRow>>(new Map());
  const [units, setUnits] = useState<Map<number, UnitDto>>(new Map());
  const [types, setTypes] = useState<IncidentType[]>([]);

  const load = useCallback(async () => {
    const [list, us, ts] = await Promise.all([
      apiGet<IncidentRow[]>('/api/incidents?status=open&limit=10000'),
      apiGet<UnitDto[]>('/api/units'),
      apiGet<IncidentType[]>('/api/incident-types'),
    ]);
    setIncidents(new Map(list.map((i) => [i.id, i])));
    setUnits(new Map(us.map((u) => [u.id, u])));
    setTypes(ts);
  }, []);
  const onEvent = useCallback(
    (f: EventFrame) => {
      extra?.(f);
      setIncidents((m) => applyToIncidents(m, f) ?? m);
      setUnits((m) => applyToUnits(m, f) ?? m);
    },
    [extra],
  );
  const { state } = useRealtime(onEvent, load);
  const typeName = useCallback(
    (code: string) => types.find((x) => x.code === code)?.name[lang] ?? code,
    [types, lang],
  );
  return { incidents, units, types, typeName, state };
}
