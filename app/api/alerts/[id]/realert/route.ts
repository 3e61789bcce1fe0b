// POST /api/alerts/{id}/realert – alert the station again
import { realert } from '@/lib/alerts/realert';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('realert', async ({ db, principal, params }) =>
  realert(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
