// PATCH /api/stations/{id} – change a station (service area drawn on the map)
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { saveStation } from '@/lib/stations/save-station';
import { parseOrThrow } from '@/lib/validation';

export const PATCH = handle('updateStation', async ({ db, principal, params, body }) =>
  saveStation(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
