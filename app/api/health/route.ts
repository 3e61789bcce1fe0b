// GET /api/health – liveness and database reachability (for load balancers)
import { sql } from 'drizzle-orm';
import { dbHandle } from '@/db/client';
import { handle, json } from '@/lib/http/handler';

// The database is asked over the realtime hub's own connections, not the requests' pool: under a storm's
// load the pool has a queue, and a check that waited in it timed out, so the balancer took both nodes
// out at once and every request got 503 (issue 20's national load). A database that is down still
// answers 503 here.
export const GET = handle('health', async () => {
  await dbHandle().readDb.execute(sql`select 1`);
  return json({ ok: true, at: new Date().toISOString() });
});
