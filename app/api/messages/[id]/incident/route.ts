// POST /api/messages/{id}/incident – link the conversation to an incident
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { linkConversation } from '@/lib/messages/conversation-actions';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('linkMessages', async ({ db, principal, params, body }) =>
  linkConversation(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.incidentId),
);
