// GET /api/incidents.geojson – incidents for GIS tools (RFC 7946)
import { incidentTypes } from '@/db/schema';
import { handle, json } from '@/lib/http/handler';
import { listIncidents } from '@/lib/incidents/list-incidents';
import { incidentsGeoJson } from '@/lib/interop/geojson';

export const GET = handle('incidentsGeoJson', async ({ db, principal, query }) => {
  const list = await listIncidents(db, principal, { status: query.status, limit: query.limit });
  const types = await db.select().from(incidentTypes);
  const names = new Map(types.map((t) => [t.code, { sl: t.nameSl, en: t.nameEn }]));
  return json(incidentsGeoJson(list, names), 200, { 'content-type': 'application/geo+json; charset=utf-8' });
});
