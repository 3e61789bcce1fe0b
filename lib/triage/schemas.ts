import { z } from 'zod';
import { PRIORITIES } from '../../db/schema';

// The protocol of an incident type: what it needs, and questions whose answers raise the priority
// or add needs. Stored as JSON on the type, edited by supervisors (PUT /api/incident-types/{code}).

export const ZNeed = z.object({
  capability: z.string().regex(/^[a-z_]{2,40}$/, 'lower-case capability code'),
  count: z.number().int().min(1).max(20),
});

export const ZAnswer = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,30}$/),
  sl: z.string().trim().min(1).max(120),
  en: z.string().trim().min(1).max(120),
  /** The priority this answer calls for (the highest of all answers wins). */
  priority: z.enum(PRIORITIES).optional(),
  /** Extra needs this answer adds. */
  needs: z.array(ZNeed).max(10).optional(),
});

export const ZQuestion = z
  .object({
    id: z.string().regex(/^[a-z0-9_]{1,40}$/),
    sl: z.string().trim().min(1).max(300),
    en: z.string().trim().min(1).max(300),
    answers: z.array(ZAnswer).min(2).max(8),
  })
  .refine((q) => new Set(q.answers.map((a) => a.code)).size === q.answers.length, {
    message: 'answer codes must be unique',
    path: ['answers'],
  });

export const ZIncidentTypeDefinition = z
  .object({
    name: z.object({ sl: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) }),
    defaultPriority: z.enum(PRIORITIES),
    agencies: z.array(z.string().regex(/^[a-z_]{2,40}$/)).max(10),
    needs: z.array(ZNeed).max(10),
    questions: z.array(ZQuestion).max(12),
  })
  .refine((t) => new Set(t.questions.map((q) => q.id)).size === t.questions.length, {
    message: 'question ids must be unique',
    path: ['questions'],
  });

export type TNeed = z.infer<typeof ZNeed>;
export type TQuestion = z.infer<typeof ZQuestion>;
export type TIncidentTypeDefinition = z.infer<typeof ZIncidentTypeDefinition>;

/** Answers given at intake: question id → answer code. */
export const ZTriageAnswers = z.record(
  z.string().regex(/^[a-z0-9_]{1,40}$/),
  z.string().regex(/^[a-z0-9_]{1,30}$/),
);
