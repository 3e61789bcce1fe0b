'use client';

import dynamic from 'next/dynamic';

// Leaflet touches `window` on import: load the map in the browser only.
export const LiveMap = dynamic(() => import('./MapView'), {
  ssr: false,
  loading: () => <div className="map" />,
});

export type { MapMarker, MapViewProps } from './MapView';
