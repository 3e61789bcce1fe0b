// GET /api/messages – the written-channel inbox
import { and, eq, inArray } from 'drizzle-orm';
import { conversations } from '@/db/schema';
import { handle, json } from '@/lib/http/handler';
import { selectConversations } from '@/lib/messages/conversation-dto';

export const GET = handle('listMessages', async ({ db, query, principal }) => {
  const status =
    query.status === 'open'
      ? inArray(conversations.status, ['new', 'claimed'])
      : query.status === 'all'
        ? undefined
        : eq(conversations.status, query.status);
  const channel = query.channel ? eq(conversations.channel, query.channel) : undefined;
  const mine = query.mine === 'true' ? eq(conversations.claimedBy, principal.userId ?? -1) : undefined;
  return json(await selectConversations(db, and(status, channel, mine), query.limit));
});
