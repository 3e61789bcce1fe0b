// GET /api/incidents/{id}/recommendations – units to send, ranked, with reasons and shortfalls
import { recommendUnits } from '@/lib/dispatch/recommend-units';
import { configuredRouter } from '@/lib/dispatch/routing';
import { env } from '@/lib/env';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('recommendations', async ({ db, params }) =>
  recommendUnits(db, parseOrThrow(ZIdParam, params.id, 'id'), {
    staleMin: env().UNIT_POSITION_STALE_MIN,
    router: configuredRouter(),
  }),
);
