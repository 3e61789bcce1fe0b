// GET /api/incidents/{id}/surroundings – notes, dangerous goods, hydrants, hospitals, AEDs for the incident
import { incidentSurroundings } from '@/lib/geodata/incident-surroundings';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('incidentSurroundings', async ({ db, principal, params }) =>
  incidentSurroundings(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
