// POST /api/cap/alerts – publish a public warning; GET – the published ones
import { env } from '@/lib/env';
import { handle, json } from '@/lib/http/handler';
import { listPublicAlerts, publishAlert } from '@/lib/interop/public-alerts';

export const POST = handle('publishAlert', async ({ db, principal, body }) =>
  publishAlert(db, principal, body, env().CAP_SENDER),
);

export const GET = handle('listPublicAlerts', async ({ db }) => json(await listPublicAlerts(db)));
