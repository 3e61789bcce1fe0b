// GET /api/municipalities – Slovenia's municipalities
import { handle } from '@/lib/http/handler';
import { listMunicipalities } from '@/lib/oncall/municipalities';

export const GET = handle('municipalities', async ({ db }) => listMunicipalities(db));
