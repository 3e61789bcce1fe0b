// GET /api/audit – the audit trail, filterable, newest first (JSON or CSV)
import { auditCsv, listAudit } from '@/lib/audit/list-audit';
import { handle } from '@/lib/http/handler';

export const GET = handle('audit', async ({ db, query }) => {
  const page = await listAudit(db, query);
  if (query.format === 'json') return page;
  return new Response(auditCsv(page.entries), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="cad112-audit.csv"',
      'cache-control': 'no-store',
    },
  });
});
