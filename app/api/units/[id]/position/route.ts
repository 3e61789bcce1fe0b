// POST /api/units/{id}/position – AVL position report of a unit
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { reportUnitPosition } from '@/lib/units/report-unit-position';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('unitPosition', async ({ db, principal, params, body }) =>
  reportUnitPosition(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
