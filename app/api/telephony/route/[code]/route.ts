// GET /api/telephony/route/{code} – the edge asks which centre's positions answer a centre's call now
import { callRoute } from '@/lib/centres/call-route';
import { handle } from '@/lib/http/handler';
import { checkTelephonyCaller } from '@/lib/telephony/edge-auth';

export const GET = handle('telephonyRoute', async ({ db, req, params }) => {
  checkTelephonyCaller(req);
  return callRoute(db, params.code ?? '');
});
