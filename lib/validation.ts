import type { z } from 'zod';
import { AppError, type FieldError } from './errors';

export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '(root)',
    message: issue.message,
  }));
}

/** Where (if anywhere) a NUL character hides in a value; PostgreSQL text cannot hold one. */
function findNul(value: unknown, path: string[], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return [...path, '(key)'];
    const found = findNul(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Refuses text with a NUL character (400 naming the field) before it can reach the database. */
export function rejectNul(value: unknown, prefix = ''): void {
  const at = findNul(value, []);
  if (at) {
    const field = [prefix, ...at].filter(Boolean).join('.') || '(root)';
    throw new AppError('validation_failed', `invalid ${field}`, [
      { field, message: 'contains a NUL character' },
    ]);
  }
}

// Parse a value at a boundary; every field error is reported, not only the first.
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  rejectNul(value, prefix);
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = fieldErrors(result.error, prefix);
    throw new AppError('validation_failed', `invalid ${fields.map((f) => f.field).join(', ')}`, fields);
  }
  return result.data;
}
