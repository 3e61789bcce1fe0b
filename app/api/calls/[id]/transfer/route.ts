// POST /api/calls/{id}/transfer – transfer a call in progress to a service through the SIP edge
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { transferCall } from '@/lib/telephony/call-actions';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('transferCall', async ({ db, principal, params, body }) =>
  transferCall(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.target),
);
