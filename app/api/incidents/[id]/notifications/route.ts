// POST /api/incidents/{id}/notifications – notify an on-call service
import { env } from '@/lib/env';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { notifyService } from '@/lib/oncall/notify-service';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('notifyService', async ({ db, principal, params, body, req }) =>
  notifyService(
    db,
    principal,
    parseOrThrow(ZIdParam, params.id, 'id'),
    body,
    env().PUBLIC_URL ?? new URL(req.url).origin,
  ),
);
