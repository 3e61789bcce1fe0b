// GET /api/water-sources?lat=…&lon=…&radius=… – hydrants and water sources near a point
import { waterSourcesNear } from '@/lib/geodata/nearest';
import { handle } from '@/lib/http/handler';

export const GET = handle('waterSources', async ({ db, query }) =>
  waterSourcesNear(db, { lat: query.lat, lon: query.lon, radiusM: query.radius, limit: query.limit }),
);
