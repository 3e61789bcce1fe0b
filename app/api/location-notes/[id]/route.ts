// DELETE /api/location-notes/{id} – delete a location note
import { deleteLocationNote } from '@/lib/geodata/location-notes';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const DELETE = handle('deleteLocationNote', async ({ db, principal, params }) =>
  deleteLocationNote(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
