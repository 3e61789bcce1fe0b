// GET /api/events?after=SEQ – the event log, paged, filtered by what the caller may see
import { listEvents } from '@/lib/events/list-events';
import { handle } from '@/lib/http/handler';

export const GET = handle('listEvents', async ({ db, principal, query }) => listEvents(db, principal, query));
