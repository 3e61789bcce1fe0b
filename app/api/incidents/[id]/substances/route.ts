// POST /api/incidents/{id}/substances – record a substance at the incident
import { addIncidentSubstance } from '@/lib/hazmat/incident-substances';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('addSubstance', async ({ db, principal, params, body }) =>
  addIncidentSubstance(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
