// DELETE /api/oncall/services/{id}/exceptions/{exceptionId} – remove an exception
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { removeException } from '@/lib/oncall/save-service';
import { parseOrThrow } from '@/lib/validation';

export const DELETE = handle('removeOncallException', async ({ db, principal, params }) =>
  removeException(
    db,
    principal,
    parseOrThrow(ZIdParam, params.id, 'id'),
    parseOrThrow(ZIdParam, params.exceptionId, 'exceptionId'),
  ),
);
