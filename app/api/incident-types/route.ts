// GET /api/incident-types – the codes and names (sl, en) that an incident's type takes
import { handle } from '@/lib/http/handler';
import { listIncidentTypes } from '@/lib/incident-types/list-incident-types';

export const GET = handle('incidentTypes', async ({ db }) => listIncidentTypes(db));
