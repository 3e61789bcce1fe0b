// GET /api/stats/heat – incidents of a period counted on a grid, for the heat map
import { handle } from '@/lib/http/handler';
import { incidentHeat } from '@/lib/stats/compute-stats';

export const GET = handle('statsHeat', async ({ db, query }) => incidentHeat(db, query));
