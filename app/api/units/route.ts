// GET /api/units – units with station, status and position; ?near=lat,lon sorts by distance (PostGIS)
import { handle } from '@/lib/http/handler';
import { listUnits } from '@/lib/units/list-units';
import { saveUnit } from '@/lib/units/save-unit';

export const GET = handle('listUnits', async ({ db, principal, query }) =>
  listUnits(db, principal, { near: query.near ? { lat: query.near[0], lon: query.near[1] } : undefined }),
);

// POST /api/units – a supervisor adds a unit
export const POST = handle('createUnit', async ({ db, principal, body }) =>
  saveUnit(db, principal, null, body),
);
