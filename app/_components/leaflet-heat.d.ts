// leaflet.heat ships no types; it is used through window.L.heatLayer (app/_components/HeatLayer.tsx).
declare module 'leaflet.heat';
