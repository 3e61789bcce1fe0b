// GET /api/geocode?q=… – ranked places and addresses from the offline gazetteer
import { geocode } from '@/lib/geo/geocode';
import { handle } from '@/lib/http/handler';

export const GET = handle('geocode', async ({ db, query }) => geocode(db, query.q, query.limit));
