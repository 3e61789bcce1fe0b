// POST /api/webhooks – subscribe a URL; GET /api/webhooks – the subscriptions and their state
import { handle, json } from '@/lib/http/handler';
import { createWebhook, listWebhooks } from '@/lib/webhooks/manage-webhooks';

export const POST = handle('createWebhook', async ({ db, principal, body }) =>
  createWebhook(db, principal, body),
);

export const GET = handle('listWebhooks', async ({ db }) => json(await listWebhooks(db)));
