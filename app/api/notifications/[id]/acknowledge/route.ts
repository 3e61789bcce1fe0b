// POST /api/notifications/{id}/acknowledge – the officer acknowledged on the phone
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { acknowledgeByHand } from '@/lib/oncall/notify-service';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('acknowledgeNotification', async ({ db, principal, params, body }) =>
  acknowledgeByHand(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.note),
);
