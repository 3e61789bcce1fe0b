import { z } from 'zod';
import { AppError, type FieldError } from './errors';

type Issue = z.core.$ZodIssue;

/** The largest value of a PostgreSQL integer column (ids, versions): a larger number is a 400, not a 500. */
export const INT32_MAX = 2_147_483_647;
/** A row id (serial) or a version, as sent in JSON. */
export const ZId = z.number().int().positive().max(INT32_MAX);
export const ZVersion = z.number().int().min(1).max(INT32_MAX);

export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.flatMap(unionBranch).map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '(root)',
    message: issue.message,
  }));
}

/**
 * A value that fits none of a union's shapes: when exactly one shape is of the value's own kind (an
 * object for the object branch, an array for the array branch), its field errors say what is wrong —
 * "body.event" rather than "body".
 */
function unionBranch(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || !Array.isArray(issue.errors)) return [issue];
  const sameKind = (issue.errors as Issue[][]).filter(
    (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  const [branch] = sameKind;
  if (sameKind.length !== 1 || !branch) return [issue];
  return branch.flatMap((i) => unionBranch({ ...i, path: [...issue.path, ...i.path] } as Issue));
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
