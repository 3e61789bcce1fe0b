// GET /api/webhooks/{id}/deliveries – the last delivery attempts
import { handle, json } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';
import { listDeliveries } from '@/lib/webhooks/manage-webhooks';

export const GET = handle('webhookDeliveries', async ({ db, params }) =>
  json(await listDeliveries(db, parseOrThrow(ZIdParam, params.id, 'id'))),
);
