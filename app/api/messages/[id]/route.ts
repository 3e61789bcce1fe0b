// GET /api/messages/{id} – one conversation with every message
import { notFound } from '@/lib/errors';
import { handle, json } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { selectConversation } from '@/lib/messages/conversation-dto';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('getMessages', async ({ db, params }) => {
  const c = await selectConversation(db, parseOrThrow(ZIdParam, params.id, 'id'));
  if (!c) throw notFound('conversation');
  return json(c);
});
