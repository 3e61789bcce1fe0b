// GET /api/domain/summary – how many entries each domain database holds
import { domainSummary } from '@/lib/geodata/incident-surroundings';
import { handle } from '@/lib/http/handler';

export const GET = handle('domainSummary', async ({ db }) => domainSummary(db));
