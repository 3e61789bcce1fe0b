'use client';

import { useEffect, useMemo, useState } from 'react';
import type { WaterSourceDto } from '@/lib/geodata/nearest';
import type { MessageKey } from '@/lib/i18n/messages';
import { priorityRank } from '@/lib/incidents/incident-status';
import { CREW_REPORTS, ENGAGED_UNIT_STATUSES } from '@/lib/units/unit-status-machine';
import { RESPONSE_AGENCIES } from '../_components/agencies';
import { apiGet } from '../_components/api';
import { PRIORITY_COLOR, UNIT_STATUS_COLOR } from '../_components/colors';
import { useUi } from '../_components/i18n';
import type { IncidentRow, UnitDto } from '../_components/live-state';
import { LiveMap, type MapMarker } from '../_components/Map';
import { useDebouncedGet } from '../_components/use-debounced-get';
import { useNow } from '../_components/use-now';
import type { MapConfig } from '../_lib/page-props';

interface Station {
  id: number;
  code: string;
  name: string;
  agency: string;
  position: { lat: number; lon: number };
  serviceArea: unknown;
}

// Cluster colour: an incident's priority (0–2) first; an alerted unit (not yet acknowledged) is the most
// urgent thing a unit can be.
const UNIT_RANK: Record<string, number> = Object.fromEntries(
  ['alerted', 'acknowledged', ...CREW_REPORTS].map((s, i) => [s, 10 + i]),
);

// The dispatcher's map: layers (incidents, units, stations, service areas) and unit filters by
// service and status. Used on the dispatcher's screen and in the map-only second window.
export function DispatchMap({
  map,
  incidents,
  units,
  selected,
  focus,
  typeName,
  onSelect,
}: {
  map: MapConfig;
  incidents: IncidentRow[];
  /** An array, not an iterator: the marker list is recomputed on filter changes and must re-read it. */
  units: readonly UnitDto[];
  selected: number | null;
  focus: { lat: number; lon: number } | null;
  typeName: (code: string) => string;
  onSelect?: (incidentId: number) => void;
}) {
  const { t } = useUi();
  const [stations, setStations] = useState<Station[]>([]);
  const [agency, setAgency] = useState<string>('');
  const [status, setStatus] = useState<'' | 'available' | 'busy' | 'out_of_service'>('');
  // Staleness is judged once a minute (not every second: the marker set feeds the clusterer).
  const minute = Math.floor(useNow(15_000) / 60_000);

  // The hydrants around the selected incident (the "hydrants and water sources" layer).
  const sel = selected !== null ? incidents.find((i) => i.id === selected) : undefined;
  const waterUrl = sel
    ? `/api/water-sources?lat=${sel.location.lat}&lon=${sel.location.lon}&radius=500&limit=40`
    : null;
  const water = useDebouncedGet<WaterSourceDto[]>(waterUrl, 200);

  useEffect(() => {
    apiGet<Station[]>('/api/stations')
      .then(setStations)
      .catch(() => {});
  }, []);

  const markers = useMemo<MapMarker[]>(() => {
    const list: MapMarker[] = [];
    for (const s of stations)
      list.push({
        id: `s${s.id}`,
        kind: 'station',
        lat: s.position.lat,
        lon: s.position.lon,
        color: '#57606a',
        title: s.name,
      });
    for (const u of units) {
      if (!u.position) continue;
      if (agency && u.agency !== agency) continue;
      if (status === 'available' && u.status !== 'available') continue;
      if (status === 'busy' && !ENGAGED_UNIT_STATUSES.includes(u.status)) continue;
      if (status === 'out_of_service' && u.status !== 'out_of_service') continue;
      const ageMin = u.positionAt ? minute - Math.floor(Date.parse(u.positionAt) / 60_000) : null;
      const stale = minute > 0 && (ageMin === null || ageMin > map.staleMin);
      list.push({
        id: `u${u.id}`,
        kind: 'unit',
        lat: u.position.lat,
        lon: u.position.lon,
        color: UNIT_STATUS_COLOR[u.status] ?? '#888',
        rank: UNIT_RANK[u.status] ?? 99,
        stale,
        title:
          `${u.callsign} (${u.type}) – ${t(`st_${u.status}` as MessageKey)}` +
          (stale ? ` – ${t('positionStale')}${ageMin === null ? '' : ` (${ageMin} min)`}` : ''),
      });
    }
    for (const i of incidents)
      list.push({
        id: `i${i.id}`,
        kind: 'incident',
        lat: i.location.lat,
        lon: i.location.lon,
        color: PRIORITY_COLOR[i.priority] ?? '#888',
        rank: priorityRank(i.priority),
        title: `${i.number} ${typeName(i.type)}`,
      });
    if (water.url === waterUrl)
      for (const w of water.data ?? [])
        list.push({
          id: `w${w.id}`,
          kind: 'hydrant',
          lat: w.lat,
          lon: w.lon,
          color: w.state === 'out_of_service' ? '#8c959f' : '#0969da',
          label: 'H',
          title: `${t(`wk_${w.kind}`)} ${w.ref}${w.diameterMm ? ` DN${w.diameterMm}` : ''}${w.state === 'out_of_service' ? ` – ${t('ws_out_of_service')}` : ''}`,
        });
    return list;
  }, [stations, units, incidents, agency, status, typeName, t, minute, map.staleMin, water, waterUrl]);

  const areas = useMemo(
    () =>
      stations
        .filter((s) => s.serviceArea && (!agency || s.agency === agency))
        .map((s) => ({ id: s.code, geojson: s.serviceArea })),
    [stations, agency],
  );

  return (
    <div className="dispatch-map">
      <div className="map-filters">
        <select
          aria-label={t('filterAgency')}
          value={agency}
          onChange={(e) => setAgency(e.target.value)}
          data-testid="filter-agency"
        >
          <option value="">
            {t('filterAgency')}: {t('all')}
          </option>
          {RESPONSE_AGENCIES.map((a) => (
            <option key={a} value={a}>
              {t(`agency_${a}` as MessageKey)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('filterStatus')}
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
          data-testid="filter-status"
        >
          <option value="">
            {t('filterStatus')}: {t('all')}
          </option>
          <option value="available">{t('st_available')}</option>
          <option value="busy">{t('busy')}</option>
          <option value="out_of_service">{t('st_out_of_service')}</option>
        </select>
      </div>
      <LiveMap
        tileUrl={map.tileUrl}
        attribution={map.attribution}
        markers={markers}
        selectedId={selected !== null ? `i${selected}` : null}
        areas={areas}
        layers
        focus={focus}
        onMarkerClick={(id) => id.startsWith('i') && onSelect?.(Number(id.slice(1)))}
      />
    </div>
  );
}
