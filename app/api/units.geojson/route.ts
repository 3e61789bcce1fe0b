// GET /api/units.geojson – units with positions for GIS tools (RFC 7946)
import { env } from '@/lib/env';
import { handle, json } from '@/lib/http/handler';
import { unitsGeoJson } from '@/lib/interop/geojson';
import { listUnits } from '@/lib/units/list-units';

export const GET = handle('unitsGeoJson', async ({ db, principal }) => {
  const list = await listUnits(db, principal, {});
  return json(unitsGeoJson(list, env().UNIT_POSITION_STALE_MIN), 200, {
    'content-type': 'application/geo+json; charset=utf-8',
  });
});
