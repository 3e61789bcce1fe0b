// PUT /api/incident-types/{code} – a supervisor creates or edits a type and its protocol questions
import { z } from 'zod';
import { handle } from '@/lib/http/handler';
import { updateIncidentType } from '@/lib/incident-types/update-incident-type';
import { parseOrThrow } from '@/lib/validation';

const ZCode = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case code, e.g. fire_building');

export const PUT = handle('updateIncidentType', async ({ db, principal, params, body }) =>
  updateIncidentType(db, principal, parseOrThrow(ZCode, params.code, 'code'), body),
);
