// GET /api/stations – stations with position and service area; POST – a supervisor adds a station
import { handle } from '@/lib/http/handler';
import { listStations } from '@/lib/stations/list-stations';
import { saveStation } from '@/lib/stations/save-station';

export const GET = handle('listStations', async ({ db }) => listStations(db));

export const POST = handle('createStation', async ({ db, principal, body }) =>
  saveStation(db, principal, null, body),
);
