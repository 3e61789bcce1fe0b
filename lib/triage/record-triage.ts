import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentTypes } from '../../db/schema';
import { AppError } from '../errors';
import { evaluateTriage } from './evaluate-triage';
import type { TNeed, TQuestion } from './schemas';

/** Checks the answers against the type's protocol and returns what to store with the incident. */
export async function triageFor(tx: Db, type: string, answers: Record<string, string>) {
  const [t] = await tx.select().from(incidentTypes).where(eq(incidentTypes.code, type));
  if (!t) return null;
  const questions = t.questions as TQuestion[];
  const fields: { field: string; message: string }[] = [];
  for (const [id, code] of Object.entries(answers)) {
    const q = questions.find((x) => x.id === id);
    if (!q) fields.push({ field: `body.triage.answers.${id}`, message: `no such question for ${type}` });
    else if (!q.answers.some((a) => a.code === code))
      fields.push({
        field: `body.triage.answers.${id}`,
        message: `answer one of ${q.answers.map((a) => a.code).join(', ')}`,
      });
  }
  if (fields.length)
    throw new AppError('validation_failed', 'triage answers do not fit the protocol', fields);
  const result = evaluateTriage(
    { defaultPriority: t.defaultPriority, needs: t.needs as TNeed[], questions },
    answers,
  );
  return { answers, suggestedPriority: result.priority, needs: result.needs, reasons: result.reasons };
}
