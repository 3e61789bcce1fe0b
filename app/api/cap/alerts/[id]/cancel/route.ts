// POST /api/cap/alerts/{id}/cancel – cancel a public warning
import { env } from '@/lib/env';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { cancelAlert } from '@/lib/interop/public-alerts';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('cancelPublicAlert', async ({ db, principal, params }) =>
  cancelAlert(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), env().CAP_SENDER),
);
