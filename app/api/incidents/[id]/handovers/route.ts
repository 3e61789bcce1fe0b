// POST /api/incidents/{id}/handovers – hand the incident over to a service outside the centre
import { createHandover } from '@/lib/handovers/create-handover';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('createHandover', async ({ db, principal, params, body }) =>
  createHandover(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
