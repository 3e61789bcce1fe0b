// GET /api/handovers – hand-overs (a service sees its own)
import { listHandovers } from '@/lib/handovers/list-handovers';
import { handle } from '@/lib/http/handler';

export const GET = handle('listHandovers', async ({ db, principal, query }) =>
  listHandovers(db, principal, { incidentId: query.incidentId, pending: query.pending === 'true' }),
);
