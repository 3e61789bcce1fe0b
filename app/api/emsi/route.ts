// POST /api/emsi – a partner's EMSI message
import { AppError } from '@/lib/errors';
import { handle, json } from '@/lib/http/handler';
import { importEmsi } from '@/lib/interop/emsi';

export const POST = handle('importEmsi', async ({ db, principal, body }) => {
  if (!/xml/.test(body.contentType))
    throw new AppError('unsupported_media_type', 'send application/xml', [
      { field: 'content-type', message: 'application/xml' },
    ]);
  const r = await importEmsi(db, principal, body.text);
  return json(r, r.duplicate ? 200 : 201);
});
