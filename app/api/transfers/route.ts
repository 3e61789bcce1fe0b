// GET /api/transfers – hand-overs between centres (pending ones for my centre, or the last 200)
import { listTransfers } from '@/lib/centres/transfer';
import { handle } from '@/lib/http/handler';

export const GET = handle('listTransfers', async ({ db, principal, query }) =>
  listTransfers(db, principal, query.state),
);
