// POST /api/sms/inbound – SMS 112 from the gateway
import { handle, json } from '@/lib/http/handler';
import { receiveSms } from '@/lib/messages/sms';

export const POST = handle('smsInbound', async ({ db, principal, body }) => {
  const r = await receiveSms(db, principal, body);
  // A repeated delivery is the same message: 200 with it, not a second one.
  return json(r, r.duplicate ? 200 : 201);
});
