// GET /api/location-notes – notes near a point, or all; POST – write or change one

import { AppError } from '@/lib/errors';
import { listLocationNotes, saveLocationNote } from '@/lib/geodata/location-notes';
import { notesNear } from '@/lib/geodata/nearest';
import { handle } from '@/lib/http/handler';

export const GET = handle('locationNotes', async ({ db, query }) => {
  if (query.lat === undefined && query.lon === undefined) return listLocationNotes(db);
  if (query.lat === undefined || query.lon === undefined)
    throw new AppError('validation_failed', 'give both lat and lon, or neither', [
      { field: query.lat === undefined ? 'query.lat' : 'query.lon', message: 'required with the other' },
    ]);
  return notesNear(db, { lat: query.lat, lon: query.lon });
});

export const POST = handle('saveLocationNote', async ({ db, principal, body }) =>
  saveLocationNote(db, principal, body),
);
