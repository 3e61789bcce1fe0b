// POST /api/ecall – an eCall MSD opens a flagged traffic-accident incident (test calls are recorded only)
import { receiveEcall } from '@/lib/ecall/receive-ecall';
import { handle } from '@/lib/http/handler';

export const POST = handle('ecall', async ({ db, principal, body }) => receiveEcall(db, principal, body));
