// GET /api/oncall/on-duty?lat=…&lon=…&type=…&at=… – who is on duty for a place
import { handle } from '@/lib/http/handler';
import { resolveOnDuty } from '@/lib/oncall/resolve-on-duty';

export const GET = handle('onDuty', async ({ db, query }) =>
  resolveOnDuty(db, { ...query, at: query.at ? new Date(query.at) : undefined }),
);
