// POST /api/incidents/{id}/callers – attach another caller to an incident instead of a duplicate
import { handle } from '@/lib/http/handler';
import { addIncidentCaller } from '@/lib/incidents/add-incident-caller';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('addCaller', async ({ db, principal, params, body }) =>
  addIncidentCaller(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
