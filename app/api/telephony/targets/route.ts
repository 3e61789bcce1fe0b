// GET /api/telephony/targets – services a call can be transferred to
import { handle } from '@/lib/http/handler';
import { listTransferTargets } from '@/lib/telephony/call-actions';

export const GET = handle('telephonyTargets', async ({ db }) => listTransferTargets(db));
