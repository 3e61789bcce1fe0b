// POST /api/incidents/{id}/transfers – the owning centre hands the incident over to another centre
import { requestTransfer } from '@/lib/centres/transfer';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('requestTransfer', async ({ db, principal, params, body }) =>
  requestTransfer(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
