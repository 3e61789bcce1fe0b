// POST /api/telephony/events – the SIP edge (Kamailio) tells the CAD of a call's life

import { handle } from '@/lib/http/handler';
import { checkTelephonyCaller } from '@/lib/telephony/edge-auth';
import { receiveEdgeEvent } from '@/lib/telephony/receive-edge-event';

export const POST = handle('telephonyEvents', async ({ db, req, body }) => {
  checkTelephonyCaller(req);
  return receiveEdgeEvent(db, body);
});
