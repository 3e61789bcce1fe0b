// GET /api/units – units with station, status and position; ?near=lat,lon sorts by distance (PostGIS)
import { handle } from '@/lib/http/handler';
import { listUnits } from '@/lib/units/list-units';

export const GET = handle('listUnits', async ({ db, principal, query }) =>
  listUnits(db, principal, { near: query.near ? { lat: query.near[0], lon: query.near[1] } : undefined }),
);
