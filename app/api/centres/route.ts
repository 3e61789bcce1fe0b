// GET /api/centres – the regional centres with their load now (the national picture)
import { centreLoads } from '@/lib/centres/centre-dto';
import { handle } from '@/lib/http/handler';

export const GET = handle('listCentres', async ({ db }) => centreLoads(db));
