// GET /api/health – liveness and database reachability (for load balancers)
import { sql } from 'drizzle-orm';
import { handle, json } from '@/lib/http/handler';

export const GET = handle('health', async ({ db }) => {
  await db.execute(sql`select 1`);
  return json({ ok: true, at: new Date().toISOString() });
});
