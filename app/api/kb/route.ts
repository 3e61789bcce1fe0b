// GET /api/kb?q=…&type=… – knowledge-base articles (procedures, caller instructions, contacts)
import { handle } from '@/lib/http/handler';
import { searchKb } from '@/lib/kb/search-kb';

export const GET = handle('searchKb', async ({ db, query }) => searchKb(db, query));
