// POST /api/emsi – a partner's EMSI message
import { AppError } from '@/lib/errors';
import { handle, json } from '@/lib/http/handler';
import { decodeXmlBody, importEmsi } from '@/lib/interop/emsi-import';

export const POST = handle('importEmsi', async ({ db, principal, body }) => {
  if (!/xml/.test(body.contentType))
    throw new AppError('unsupported_media_type', 'send application/xml', [
      { field: 'content-type', message: 'application/xml' },
    ]);
  const r = await importEmsi(db, principal, decodeXmlBody(body.bytes, body.contentType));
  return json(r, r.duplicate ? 200 : 201);
});
