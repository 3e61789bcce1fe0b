// PATCH /api/units/{id} – a supervisor changes a unit's callsign, type, capabilities or station
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { saveUnit } from '@/lib/units/save-unit';
import { parseOrThrow } from '@/lib/validation';

export const PATCH = handle('updateUnit', async ({ db, principal, params, body }) =>
  saveUnit(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
