// GET /api/stats/summary – response times and incident volume for a period (JSON or CSV)
import { handle } from '@/lib/http/handler';
import { computeStats, statsCsv } from '@/lib/stats/compute-stats';

export const GET = handle('statsSummary', async ({ db, query }) => {
  const stats = await computeStats(db, query);
  if (query.format === 'json') return stats;
  return new Response(statsCsv(stats), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cad112-stats-${stats.period.from}-${stats.period.to}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
