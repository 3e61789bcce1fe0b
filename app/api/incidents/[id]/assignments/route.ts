// POST /api/incidents/{id}/assignments – assign a unit; alerts its station

import { handle } from '@/lib/http/handler';
import { assignUnit } from '@/lib/incidents/assign-unit';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('assignUnit', async ({ db, principal, params, body }) =>
  assignUnit(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.unitId, {
    reassign: body.reassign,
  }),
);
