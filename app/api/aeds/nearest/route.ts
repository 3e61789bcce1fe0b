// GET /api/aeds/nearest?lat=…&lon=…&at=… – the nearest defibrillators available now
import { nearestAeds } from '@/lib/geodata/nearest';
import { handle } from '@/lib/http/handler';

export const GET = handle('nearestAeds', async ({ db, query }) =>
  nearestAeds(db, { ...query, at: query.at ? new Date(query.at) : undefined }),
);
