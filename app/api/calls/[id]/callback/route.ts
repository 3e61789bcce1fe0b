// POST /api/calls/{id}/callback – record the call-back of an abandoned call
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { recordCallback } from '@/lib/telephony/call-actions';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('callbackCall', async ({ db, principal, params, body }) =>
  recordCallback(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
