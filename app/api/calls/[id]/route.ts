// GET /api/calls/{id} – one call
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { getCall } from '@/lib/telephony/call-actions';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('getCall', async ({ db, params }) =>
  getCall(db, parseOrThrow(ZIdParam, params.id, 'id')),
);
