// GET /api/location-fixes?phone=… – the newest device locations for a caller's number
import { handle } from '@/lib/http/handler';
import { latestLocationFixes } from '@/lib/locations/latest-location-fixes';

export const GET = handle('locationFixes', async ({ db, query }) => latestLocationFixes(db, query.phone));
