// GET /api/incidents/nearby?lat=…&lon=… – open incidents close by in place and time (possible duplicates)
import { env } from '@/lib/env';
import { handle } from '@/lib/http/handler';
import { findNearbyIncidents } from '@/lib/incidents/find-nearby-incidents';

export const GET = handle('nearbyIncidents', async ({ db, query }) =>
  findNearbyIncidents(db, {
    lat: query.lat,
    lon: query.lon,
    radiusM: query.radiusM ?? env().DUPLICATE_RADIUS_M,
    minutes: query.minutes ?? env().DUPLICATE_WINDOW_MIN,
  }),
);
