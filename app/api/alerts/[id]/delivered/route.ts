// POST /api/alerts/{id}/delivered – the station's screen received the alert
import { markAlertDelivered } from '@/lib/alerts/mark-alert-delivered';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('alertDelivered', async ({ db, principal, params }) =>
  markAlertDelivered(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
