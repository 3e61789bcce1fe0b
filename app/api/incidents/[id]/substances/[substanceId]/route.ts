// DELETE /api/incidents/{id}/substances/{substanceId} – remove a substance recorded by mistake
import { removeIncidentSubstance } from '@/lib/hazmat/incident-substances';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const DELETE = handle('removeSubstance', async ({ db, principal, params }) =>
  removeIncidentSubstance(
    db,
    principal,
    parseOrThrow(ZIdParam, params.id, 'id'),
    parseOrThrow(ZIdParam, params.substanceId, 'substanceId'),
  ),
);
