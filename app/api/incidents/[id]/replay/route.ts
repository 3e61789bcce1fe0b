// GET /api/incidents/{id}/replay – the incident's events with its units' moves, for the replay screen
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { loadIncidentReplay } from '@/lib/replay/load-replay';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('incidentReplay', async ({ db, params }) =>
  loadIncidentReplay(db, parseOrThrow(ZIdParam, params.id, 'id')),
);
