'use client';

import L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import {
  Circle,
  GeoJSON,
  LayerGroup,
  LayersControl,
  MapContainer,
  Marker,
  Polygon,
  Polyline,
  TileLayer,
  useMap,
  useMapEvents,
} from 'react-leaflet';
import { SLOVENIA_OUTLINE } from '@/lib/geo/slovenia-outline';
import { MarkerClusterer } from '@/lib/map/cluster-markers';
import { HeatLayer } from './HeatLayer';
import { useUi } from './i18n';

export interface MapMarker {
  id: string;
  kind: 'incident' | 'unit' | 'station' | 'pick' | 'device' | 'hydrant';
  lat: number;
  lon: number;
  color: string;
  label?: string;
  title: string;
  selected?: boolean;
  /** Urgency for clustering (lower = more urgent): a cluster takes the colour of its most urgent member. */
  rank?: number;
  /** A unit whose last reported position is older than the stale limit: drawn faded, dashed. */
  stale?: boolean;
}

export interface MapViewProps {
  tileUrl: string;
  attribution: string;
  center?: [number, number];
  zoom?: number;
  markers: MapMarker[];
  /** Uncertainty circles (e.g. a device location's accuracy), radius in metres. */
  circles?: { id: string; lat: number; lon: number; radiusM: number; color: string }[];
  onMapClick?: (lat: number, lon: number) => void;
  onMarkerClick?: (id: string) => void;
  /** The selected marker's id, highlighted where it is drawn (not part of `markers`). */
  selectedId?: string | null;
  focus?: { lat: number; lon: number; zoom?: number } | null;
  testId?: string;
  /** Show a layer switcher (incidents, units, stations, service areas). */
  layers?: boolean;
  /** Service areas as GeoJSON polygons, for the "service areas" layer. */
  areas?: { id: string; geojson: unknown }[];
  /** Polygons to draw ([lat, lon] rings), e.g. the area of a public warning being drawn. */
  polygons?: { id: string; ring: [number, number][]; color: string; faint?: boolean }[];
  /** A heat map: [lat, lon, count] per grid cell. */
  heat?: { cells: [number, number, number][]; max: number } | null;
  /** Lines between points, e.g. a unit's track in a replay. */
  lines?: { id: string; points: [number, number][]; color: string }[];
}

const SLOVENIA_CENTER: [number, number] = [46.12, 14.82];

const iconCache = new Map<string, L.DivIcon>();

// Markers are plain CSS/HTML (divIcon): no image files, nothing fetched, colours by priority/status.
function iconFor(m: MapMarker): L.DivIcon {
  const size =
    m.kind === 'incident'
      ? 22
      : m.kind === 'pick' || m.kind === 'device'
        ? 20
        : m.kind === 'station' || m.kind === 'hydrant'
          ? 14
          : 18;
  const key = `${m.kind}|${m.color}|${m.label ?? ''}|${m.selected ? 1 : 0}|${m.stale ? 1 : 0}`;
  let icon = iconCache.get(key);
  if (!icon) {
    const cls = `marker marker-${m.kind}${m.selected ? ' marker-selected' : ''}${m.stale ? ' marker-stale' : ''}`;
    const label = m.label ? `<span>${escapeHtml(m.label)}</span>` : '';
    icon = L.divIcon({
      className: '',
      html: `<div class="${cls}" style="width:${size}px;height:${size}px;background:${m.color}">${label}</div>`,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
    iconCache.set(key, icon);
  }
  return icon;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function ClickHandler({ onClick }: { onClick?: (lat: number, lon: number) => void }) {
  useMapEvents({
    click(e) {
      onClick?.(e.latlng.lat, e.latlng.lng);
    },
  });
  return null;
}

function Focus({ focus }: { focus?: MapViewProps['focus'] }) {
  const map = useMap();
  useEffect(() => {
    if (focus) map.setView([focus.lat, focus.lon], focus.zoom ?? Math.max(map.getZoom(), 12));
  }, [focus, map]);
  return null;
}

// The zoom on the container (data-zoom), for tests and for styles that depend on the scale.
function ZoomAttr() {
  const map = useMap();
  useEffect(() => {
    const set = () => {
      map.getContainer().dataset.zoom = String(map.getZoom());
    };
    set();
    map.on('zoomend', set);
    return () => {
      map.off('zoomend', set);
    };
  }, [map]);
  return null;
}

function MarkerList({ markers, onClick }: { markers: MapMarker[]; onClick?: (id: string) => void }) {
  return (
    <>
      {markers.map((m) => (
        <Marker
          key={m.id}
          position={[m.lat, m.lon]}
          icon={iconFor(m)}
          zIndexOffset={m.kind === 'incident' ? 1000 : m.kind === 'pick' ? 2000 : 0}
          eventHandlers={{ click: () => onClick?.(m.id) }}
          keyboard={true}
          title={m.title}
          alt={m.title}
          ref={(marker) => {
            if (marker) tooltipOf(marker, m.title);
          }}
        />
      ))}
    </>
  );
}

/**
 * The marker's tooltip, given to Leaflet as text in an element. (react-leaflet's <Tooltip> renders its
 * text a React commit after Leaflet shows the box: for that moment the page had an empty
 * role="tooltip", which axe caught once under a hovering pointer.)
 */
function tooltipOf(marker: L.Marker, title: string): void {
  const tooltip = marker.getTooltip();
  if (tooltip && (tooltip.getContent() as HTMLElement | undefined)?.textContent === title) return;
  const text = document.createElement('span');
  text.textContent = title;
  if (tooltip) tooltip.setContent(text);
  else marker.bindTooltip(text);
}

function clusterIcon(count: number, color: string): L.DivIcon {
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
  const key = `cluster|${color}|${count}`;
  let icon = iconCache.get(key);
  if (!icon) {
    icon = L.divIcon({
      className: '',
      html: `<div class="marker-cluster" style="width:${size}px;height:${size}px;border-color:${color}">${count}</div>`,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
    if (iconCache.size < 5000) iconCache.set(key, icon);
  }
  return icon;
}

// Thousands of markers as DOM elements make the map crawl: past a threshold a layer is grouped into
// clusters (supercluster) for the visible box and zoom; a click on a cluster zooms to where it splits.
function ClusteredMarkerList({
  markers,
  onClick,
  noun,
  selectedId,
}: {
  markers: MapMarker[];
  onClick?: (id: string) => void;
  noun: string;
  selectedId?: string | null;
}) {
  const map = useMap();
  const clusterer = useMemo(() => new MarkerClusterer(markers), [markers]);
  // The selection is applied to the markers drawn, not to the list clustered: selecting another
  // incident must not rebuild the index of thousands of markers.
  const mark = (list: MapMarker[]) =>
    selectedId ? list.map((m) => (m.id === selectedId ? { ...m, selected: true } : m)) : list;
  const [view, setView] = useState(() => ({ bounds: map.getBounds(), zoom: map.getZoom() }));
  useMapEvents({
    moveend: () => setView({ bounds: map.getBounds(), zoom: map.getZoom() }),
  });
  if (!clusterer.clustering) return <MarkerList markers={mark(markers)} onClick={onClick} />;
  const b = view.bounds.pad(0.2);
  const { clusters, singles } = clusterer.view(
    [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    view.zoom,
  );
  return (
    <>
      {clusters.map((c) => {
        const title = `${c.count} ${noun}`;
        return (
          <Marker
            key={`c${c.clusterId}`}
            position={[c.lat, c.lon]}
            icon={clusterIcon(c.count, c.color)}
            zIndexOffset={500 - c.rank}
            keyboard={true}
            title={title}
            alt={title}
            eventHandlers={{ click: () => map.setView([c.lat, c.lon], clusterer.expansionZoom(c.clusterId)) }}
          />
        );
      })}
      <MarkerList markers={mark(singles)} onClick={onClick} />
    </>
  );
}

export default function MapView(props: MapViewProps) {
  const { t } = useUi();
  const [tileError, setTileError] = useState(false);
  const noTiles = props.tileUrl === 'none';
  const outline = useMemo(() => SLOVENIA_OUTLINE.map(([lon, lat]) => [lat, lon] as [number, number]), []);
  const byKind = useMemo(() => {
    const out: Record<'incident' | 'unit' | 'station' | 'hydrant', MapMarker[]> = {
      incident: [],
      unit: [],
      station: [],
      hydrant: [],
    };
    for (const m of props.markers) if (m.kind in out) out[m.kind as keyof typeof out].push(m);
    return out;
  }, [props.markers]);
  return (
    <div className="map" data-testid={props.testId ?? 'map'}>
      <MapContainer
        center={props.center ?? SLOVENIA_CENTER}
        zoom={props.zoom ?? 8}
        style={{ height: '100%', width: '100%' }}
        preferCanvas={false}
      >
        {!noTiles && (
          <TileLayer
            url={props.tileUrl}
            attribution={props.attribution}
            eventHandlers={{ tileerror: () => setTileError(true), tileload: () => setTileError(false) }}
          />
        )}
        {(noTiles || tileError) && (
          <Polyline positions={outline} pathOptions={{ color: '#6b7a90', weight: 2, dashArray: '4 4' }} />
        )}
        {props.circles?.map((c) => (
          <Circle
            key={c.id}
            center={[c.lat, c.lon]}
            radius={c.radiusM}
            pathOptions={{ color: c.color, weight: 2, fillOpacity: 0.12 }}
          />
        ))}
        {props.polygons?.map((p) => (
          <Polygon
            key={p.id}
            positions={p.ring}
            // Drawn areas never take the click: a click inside one adds a vertex or sets a position.
            interactive={false}
            pathOptions={
              p.faint
                ? { color: p.color, weight: 1, fillOpacity: 0.02, dashArray: '3 4' }
                : { color: p.color, weight: 2, fillOpacity: 0.15 }
            }
          />
        ))}
        {props.lines?.map((l) => (
          <Polyline
            key={l.id}
            positions={l.points}
            pathOptions={{ color: l.color, weight: 3, opacity: 0.7 }}
          />
        ))}
        {props.heat && <HeatLayer cells={props.heat.cells} max={props.heat.max} />}
        <ClickHandler onClick={props.onMapClick} />
        <Focus focus={props.focus} />
        <ZoomAttr />
        {props.layers ? (
          <LayersControl position="topright">
            {(
              [
                ['incident', t('layerIncidents')],
                ['unit', t('layerUnits')],
                ['station', t('layerStations')],
                ['hydrant', t('waterTitle')],
              ] as const
            ).map(([kind, name]) => (
              <LayersControl.Overlay key={kind} name={name} checked={kind !== 'station'}>
                <LayerGroup>
                  <ClusteredMarkerList
                    markers={byKind[kind]}
                    onClick={props.onMarkerClick}
                    noun={name.toLowerCase()}
                    selectedId={props.selectedId}
                  />
                </LayerGroup>
              </LayersControl.Overlay>
            ))}
            <LayersControl.Overlay name={t('layerAreas')}>
              <LayerGroup>
                {props.areas?.map((a) => (
                  <GeoJSON
                    key={a.id}
                    data={a.geojson as GeoJSON.GeoJsonObject}
                    style={{ color: '#0b5cd5', weight: 1, fillOpacity: 0.05 }}
                  />
                ))}
              </LayerGroup>
            </LayersControl.Overlay>
          </LayersControl>
        ) : (
          <MarkerList markers={props.markers} onClick={props.onMarkerClick} />
        )}
      </MapContainer>
      {(noTiles || tileError) && (
        <span className="map-badge" data-testid="basemap-badge">
          {noTiles ? t('outlineOnly') : t('basemapUnavailable')}
        </span>
      )}
    </div>
  );
}
