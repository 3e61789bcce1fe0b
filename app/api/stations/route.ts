// GET /api/stations – stations with position and service area
import { handle } from '@/lib/http/handler';
import { listStations } from '@/lib/stations/list-stations';

export const GET = handle('listStations', async ({ db }) => listStations(db));
