// GET /api/units.geojson – units with positions for GIS tools (RFC 7946)
import { env } from '@/lib/env';
import { handle } from '@/lib/http/handler';
import { unitsGeoJson } from '@/lib/interop/geojson';
import { listUnits } from '@/lib/units/list-units';

export const GET = handle('unitsGeoJson', async ({ db, principal }) => {
  const list = await listUnits(db, principal, {});
  return new Response(JSON.stringify(unitsGeoJson(list, env().UNIT_POSITION_STALE_MIN)), {
    headers: { 'content-type': 'application/geo+json; charset=utf-8', 'cache-control': 'no-store' },
  });
});
