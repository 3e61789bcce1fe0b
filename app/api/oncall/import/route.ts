// POST /api/oncall/import – the on-call directory from CSV
import { handle } from '@/lib/http/handler';
import { importServices } from '@/lib/oncall/import-services';

export const POST = handle('importOncall', async ({ db, principal, body }) =>
  importServices(db, principal, body.text),
);
