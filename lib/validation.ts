import type { z } from 'zod';
import { AppError, type FieldError } from './errors';

export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '(root)',
    message: issue.message,
  }));
}

// Parse a value at a boundary; every field error is reported, not only the first.
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = fieldErrors(result.error, prefix);
    throw new AppError('validation_failed', `invalid ${fields.map((f) => f.field).join(', ')}`, fields);
  }
  return result.data;
}
