// POST /api/incidents/{id}/notes – add a note to an incident

import { handle } from '@/lib/http/handler';
import { addIncidentNote } from '@/lib/incidents/add-incident-note';
import { assertCanSeeIncident } from '@/lib/incidents/get-incident';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('addNote', async ({ db, principal, params, body }) => {
  const id = parseOrThrow(ZIdParam, params.id, 'id');
  await assertCanSeeIncident(db, principal, id);
  return addIncidentNote(db, principal, id, body.text);
});
