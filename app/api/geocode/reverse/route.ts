// GET /api/geocode/reverse?lat=…&lon=… – the nearest address or place, with its distance
import { reverseGeocode } from '@/lib/geo/geocode';
import { handle } from '@/lib/http/handler';

export const GET = handle('reverseGeocode', async ({ db, query }) =>
  reverseGeocode(db, query.lat, query.lon),
);
