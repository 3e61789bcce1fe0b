// GET /api/metrics – process and realtime figures for monitoring (supervisors)
import { handle, json } from '@/lib/http/handler';
import { hubStats } from '@/lib/realtime/hub-registry';

export const GET = handle('metrics', async () => {
  const m = process.memoryUsage();
  return json({
    realtime: hubStats(),
    // heapTotal: what V8 holds for the JS heap (used or not); arrayBuffers: socket and request buffers.
    memory: {
      rssBytes: m.rss,
      heapUsedBytes: m.heapUsed,
      heapTotalBytes: m.heapTotal,
      externalBytes: m.external,
      arrayBuffersBytes: m.arrayBuffers,
    },
    uptimeS: Math.round(process.uptime()),
    at: new Date().toISOString(),
  });
});
