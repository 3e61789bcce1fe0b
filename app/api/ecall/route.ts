// POST /api/ecall – an eCall MSD (binary, hex/base64 or JSON) opens a flagged traffic-accident incident
// GET /api/ecall – the eCalls waiting for a location
import { listPendingEcalls } from '@/lib/ecall/ecall-dto';
import { receiveEcall } from '@/lib/ecall/receive-ecall';
import { parseEcallBody } from '@/lib/ecall/schemas';
import { handle } from '@/lib/http/handler';

export const POST = handle('ecall', async ({ db, principal, body, query }) =>
  receiveEcall(db, principal, parseEcallBody(body, query.callback)),
);

export const GET = handle('ecallPending', async ({ db }) => listPendingEcalls(db));
