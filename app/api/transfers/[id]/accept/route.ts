// POST /api/transfers/{id}/accept – the receiving centre acknowledges: the incident is its own
import { acceptTransfer } from '@/lib/centres/transfer';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('acceptTransfer', async ({ db, principal, params }) =>
  acceptTransfer(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
