import { z } from 'zod';
import { INCIDENT_STATUSES } from '../../db/schema/enums';
import type { IncidentDto } from '../incidents/incident-dto';
import type { UnitDto } from '../units/unit-dto';

export const ZGeoJsonIncidentsQuery = z.object({
  status: z.enum(['open', 'all', ...INCIDENT_STATUSES]).default('open'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

// GeoJSON (RFC 7946): WGS84 longitude-latitude, no "crs" member, flat properties a GIS user can style
// and filter by (QGIS reads the URL as is). D96/TM coordinates ride along as properties.

interface Feature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, string | number | boolean | null>;
}

const round = (v: number) => Math.round(v * 1e7) / 1e7;

export function incidentsGeoJson(list: IncidentDto[], typeNames: Map<string, { sl: string; en: string }>) {
  const features: Feature[] = list.map((i) => ({
    type: 'Feature',
    id: i.id,
    geometry: { type: 'Point', coordinates: [round(i.location.lon), round(i.location.lat)] },
    properties: {
      number: i.number,
      type: i.type,
      type_sl: typeNames.get(i.type)?.sl ?? i.type,
      type_en: typeNames.get(i.type)?.en ?? i.type,
      priority: i.priority,
      status: i.status,
      address: i.location.address,
      accuracy_m: i.location.accuracyM,
      d96_e: i.location.d96.e,
      d96_n: i.location.d96.n,
      channel: i.channel,
      flagged: i.flagged,
      created_at: i.createdAt,
      first_alerted_at: i.firstAlertedAt,
      closed_at: i.closedAt,
    },
  }));
  return { type: 'FeatureCollection' as const, features };
}

export function unitsGeoJson(list: UnitDto[], staleMin: number, now = Date.now()) {
  const features: Feature[] = list
    .filter((u) => u.position)
    .map((u) => ({
      type: 'Feature',
      id: u.id,
      geometry: {
        type: 'Point',
        coordinates: [round(u.position?.lon ?? 0), round(u.position?.lat ?? 0)],
      },
      properties: {
        callsign: u.callsign,
        unit_type: u.type,
        capabilities: u.capabilities.join(','),
        status: u.status,
        agency: u.agency,
        station: u.stationName,
        incident_id: u.incidentId,
        position_at: u.positionAt,
        stale: !u.positionAt || now - Date.parse(u.positionAt) > staleMin * 60_000,
        d96_e: u.position?.d96.e ?? null,
        d96_n: u.position?.d96.n ?? null,
      },
    }));
  return { type: 'FeatureCollection' as const, features };
}
