// POST /api/alerts/{id}/ack – a person acknowledges the alert
import { acknowledgeAlert } from '@/lib/alerts/acknowledge-alert';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('ackAlert', async ({ db, principal, params }) =>
  acknowledgeAlert(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
