// GET /api/replay?from=&to= – everything on the map in a window of at most 24 hours
import { handle } from '@/lib/http/handler';
import { loadWindowReplay } from '@/lib/replay/load-replay';

export const GET = handle('windowReplay', async ({ db, query }) =>
  loadWindowReplay(db, query.from, query.to),
);
