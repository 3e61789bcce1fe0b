// POST /api/messages/{id}/claim – a call-taker takes the conversation
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { claimConversation } from '@/lib/messages/conversation-actions';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('claimMessages', async ({ db, principal, params, body }) =>
  claimConversation(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), { takeOver: body?.takeOver }),
);
