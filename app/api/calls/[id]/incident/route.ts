// POST /api/calls/{id}/incident – attach the call to an incident
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { linkCall } from '@/lib/telephony/call-actions';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('linkCall', async ({ db, principal, params, body }) =>
  linkCall(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.incidentId),
);
