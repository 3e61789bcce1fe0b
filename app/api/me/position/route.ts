// POST /api/me/position – sit down at a call-taker position, or leave it
import { handle } from '@/lib/http/handler';
import { setMyPosition } from '@/lib/telephony/call-actions';

export const POST = handle('myPosition', async ({ db, principal, body }) =>
  setMyPosition(db, principal, body.position),
);
