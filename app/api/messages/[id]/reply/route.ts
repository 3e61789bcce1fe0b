// POST /api/messages/{id}/reply – answer the conversation
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { replyToConversation } from '@/lib/messages/conversation-actions';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('replyMessages', async ({ db, principal, params, body }) =>
  replyToConversation(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.text),
);
