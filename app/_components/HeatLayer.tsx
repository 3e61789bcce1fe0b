'use client';

import type L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

type HeatFactory = (points: [number, number, number][], options: Record<string, unknown>) => L.Layer;

// leaflet.heat extends the global L that Leaflet sets on window; it is loaded after Leaflet.
let loading: Promise<HeatFactory> | null = null;
function heatLayer(): Promise<HeatFactory> {
  loading ??= import('leaflet.heat').then(
    () => (window as unknown as { L: { heatLayer: HeatFactory } }).L.heatLayer,
  );
  return loading;
}

/** Incidents per grid cell drawn as a heat map; intensity relative to the busiest cell. */
export function HeatLayer({ cells, max }: { cells: [number, number, number][]; max: number }) {
  const map = useMap();
  useEffect(() => {
    let layer: L.Layer | null = null;
    let gone = false;
    void heatLayer().then((make) => {
      if (gone) return;
      // maxZoom: leaflet.heat dims points below it; a region is read at zoom 8–10.
      layer = make(cells, {
        radius: 22,
        blur: 18,
        max: Math.max(1, max),
        maxZoom: 9,
        minOpacity: 0.5,
        // A single incident must still show on the dark theme: the scale starts at a light blue.
        gradient: { 0.15: '#4aa3ff', 0.4: '#00e5ff', 0.6: '#7cfc00', 0.8: '#ffd700', 1: '#ff2d2d' },
      });
      layer.addTo(map);
    });
    return () => {
      gone = true;
      if (layer) map.removeLayer(layer);
    };
  }, [map, cells, max]);
  return null;
}
