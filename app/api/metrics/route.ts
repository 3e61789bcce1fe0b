// GET /api/metrics – process and realtime figures for monitoring (supervisors)
import { handle, json } from '@/lib/http/handler';
import { hubStats } from '@/lib/realtime/hub-registry';

export const GET = handle('metrics', async () => {
  const m = process.memoryUsage();
  return json({
    realtime: hubStats(),
    memory: { rssBytes: m.rss, heapUsedBytes: m.heapUsed, externalBytes: m.external },
    uptimeS: Math.round(process.uptime()),
    at: new Date().toISOString(),
  });
});
