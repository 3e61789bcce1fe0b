// DELETE /api/webhooks/{id} – stop a subscription
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';
import { deactivateWebhook } from '@/lib/webhooks/manage-webhooks';

export const DELETE = handle('deleteWebhook', async ({ db, principal, params }) =>
  deactivateWebhook(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
