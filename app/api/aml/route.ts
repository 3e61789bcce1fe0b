// POST /api/aml – an Advanced Mobile Location message (SMS text or HTTPS form) stored as a caller's fix
import { handle } from '@/lib/http/handler';
import { receiveAml } from '@/lib/locations/receive-aml';

export const POST = handle('aml', async ({ db, principal, body, query }) =>
  receiveAml(db, principal, { ...body, from: query.from }),
);
