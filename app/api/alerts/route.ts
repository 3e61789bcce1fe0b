// GET /api/alerts – alerts (a station: its own), with their incidents
import { listAlerts } from '@/lib/alerts/list-alerts';
import { handle } from '@/lib/http/handler';

export const GET = handle('listAlerts', async ({ db, principal, query }) =>
  listAlerts(db, principal, { pending: query.pending === 'true' }),
);
