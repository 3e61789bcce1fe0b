'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EventFrame } from '@/lib/realtime/event-types';
import { apiGet } from '../../_components/api';
import { useUi } from '../../_components/i18n';
import {
  applyToIncidents,
  applyToUnits,
  type IncidentRow,
  type IncidentType,
  type UnitDto,
} from '../../_components/live-state';
import { TopBar } from '../../_components/TopBar';
import { useRealtime } from '../../_components/use-realtime';
import type { MapConfig, PageUser } from '../../_lib/page-props';
import { DispatchMap } from '../DispatchMap';
import { MAP_CHANNEL, type MapChannelMessage } from '../map-channel';

const OPEN = new Set(['new', 'dispatched', 'in_progress']);

export function MapWindow({ user, map }: { user: PageUser; map: MapConfig }) {
  const { lang } = useUi();
  const [incidents, setIncidents] = useState<Map<number, IncidentRow>>(new Map());
  const [units, setUnits] = useState<Map<number, UnitDto>>(new Map());
  const [types, setTypes] = useState<IncidentType[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [focus, setFocus] = useState<{ lat: number; lon: number } | null>(null);

  const load = useCallback(async () => {
    const [list, us, ts] = await Promise.all([
      apiGet<IncidentRow[]>('/api/incidents?status=open'),
      apiGet<UnitDto[]>('/api/units'),
      apiGet<IncidentType[]>('/api/incident-types'),
    ]);
    setIncidents(new Map(list.map((i) => [i.id, i])));
    setUnits(new Map(us.map((u) => [u.id, u])));
    setTypes(ts);
  }, []);
  const onEvent = useCallback((f: EventFrame) => {
    setIncidents((m) => applyToIncidents(m, f) ?? m);
    setUnits((m) => applyToUnits(m, f) ?? m);
  }, []);
  const { state } = useRealtime(onEvent, load);

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(MAP_CHANNEL);
    ch.onmessage = (e: MessageEvent<MapChannelMessage>) => {
      if (e.data?.type !== 'select') return;
      setSelected(e.data.incidentId);
      setFocus({ lat: e.data.lat, lon: e.data.lon });
    };
    return () => ch.close();
  }, []);

  const open = useMemo(() => [...incidents.values()].filter((i) => OPEN.has(i.status)), [incidents]);
  const typeName = useCallback(
    (code: string) => types.find((x) => x.code === code)?.name[lang] ?? code,
    [types, lang],
  );

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/dispatch" />
      <main className="main" style={{ padding: 10 }} data-testid="map-window" data-selected={selected ?? ''}>
        <DispatchMap
          map={map}
          incidents={open}
          units={units.values()}
          selected={selected}
          focus={focus}
          typeName={typeName}
        />
      </main>
    </div>
  );
}
