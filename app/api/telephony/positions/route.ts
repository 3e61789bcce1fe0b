// GET /api/telephony/positions – call-taker positions and who sits at them
import { handle } from '@/lib/http/handler';
import { listPositions } from '@/lib/telephony/call-actions';

export const GET = handle('telephonyPositions', async ({ db }) => listPositions(db));
