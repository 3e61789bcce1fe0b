// GET /api/geo/parse?text=… – typed coordinates (decimal, DMS, D96/TM) converted by PostGIS
import { resolveCoordinates } from '@/lib/geo/resolve-coordinates';
import { handle } from '@/lib/http/handler';

export const GET = handle('geoParse', async ({ db, query }) => resolveCoordinates(db, query.text));
