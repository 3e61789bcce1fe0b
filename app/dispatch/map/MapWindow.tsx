'use client';

import { useEffect, useState } from 'react';
import { TopBar } from '../../_components/TopBar';
import type { MapConfig, PageUser } from '../../_lib/page-props';
import { DispatchMap } from '../DispatchMap';
import { MAP_CHANNEL, type MapChannelMessage } from '../map-channel';
import { useDispatchData } from '../use-dispatch-data';

export function MapWindow({ user, map }: { user: PageUser; map: MapConfig }) {
  const { open, unitList, typeName, state } = useDispatchData();
  const [selected, setSelected] = useState<number | null>(null);
  const [focus, setFocus] = useState<{ lat: number; lon: number } | null>(null);

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

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/dispatch" />
      <main className="main" style={{ padding: 10 }} data-testid="map-window" data-selected={selected ?? ''}>
        <DispatchMap
          map={map}
          incidents={open}
          units={unitList}
          selected={selected}
          focus={focus}
          typeName={typeName}
        />
      </main>
    </div>
  );
}
