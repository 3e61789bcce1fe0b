// GET /api/calls/{id} – one call, with the INVITE as received
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { getCallDetail } from '@/lib/telephony/call-actions';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('getCall', async ({ db, params }) =>
  getCallDetail(db, parseOrThrow(ZIdParam, params.id, 'id')),
);
