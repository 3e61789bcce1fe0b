// POST /api/oncall/services/{id}/exceptions – another officer on duty for a while
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { addException } from '@/lib/oncall/save-service';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('addOncallException', async ({ db, principal, params, body }) =>
  addException(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
