// POST /api/centres/{id}/takeover/end – the centre handles its region again
import { endTakeover } from '@/lib/centres/takeover';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('endTakeover', async ({ db, principal, params }) =>
  endTakeover(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
