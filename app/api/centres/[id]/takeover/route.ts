// POST /api/centres/{id}/takeover – the partner centre takes over the centre's calls and new incidents
import { startTakeover } from '@/lib/centres/takeover';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('startTakeover', async ({ db, principal, params, body }) =>
  startTakeover(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
