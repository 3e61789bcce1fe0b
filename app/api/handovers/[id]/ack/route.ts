// POST /api/handovers/{id}/ack – the receiving service acknowledges a hand-over
import { acknowledgeHandover } from '@/lib/handovers/acknowledge-handover';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('ackHandover', async ({ db, principal, params }) =>
  acknowledgeHandover(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
