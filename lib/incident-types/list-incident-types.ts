import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentTypes } from '../../db/schema';
import type { TNeed, TQuestion } from '../triage/schemas';

export type IncidentTypeRow = Awaited<ReturnType<typeof listIncidentTypes>>[number];

export async function listIncidentTypes(db: Db) {
  const rows = await db
    .select()
    .from(incidentTypes)
    .orderBy(asc(incidentTypes.sort), asc(incidentTypes.code));
  return rows.map((t) => ({
    code: t.code,
    name: { sl: t.nameSl, en: t.nameEn },
    defaultPriority: t.defaultPriority,
    agencies: t.agencies,
    needs: t.needs as TNeed[],
    questions: t.questions as TQuestion[],
    updatedAt: t.updatedAt.toISOString(),
  }));
}
