// POST /api/units/{id}/status – report a unit status (state machine in lib/units)

import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { changeUnitStatus } from '@/lib/units/change-unit-status';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('unitStatus', async ({ db, principal, params, body }) =>
  changeUnitStatus(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.status, body.reason),
);
