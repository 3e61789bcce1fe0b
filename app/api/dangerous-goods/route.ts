// GET /api/dangerous-goods?q=… – by UN number, orange plate, hazard number or name
import { lookupDangerousGoods } from '@/lib/hazmat/dangerous-goods';
import { handle } from '@/lib/http/handler';

export const GET = handle('dangerousGoods', async ({ db, query }) => lookupDangerousGoods(db, query.q));
