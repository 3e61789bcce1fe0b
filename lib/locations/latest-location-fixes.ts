import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { locationFixes } from '../../db/schema';
import { AppError } from '../errors';
import { selectLocationFixes } from './location-fix-dto';
import { normalizePhone } from './phone';

export async function latestLocationFixes(db: Db, phone: string) {
  const normalized = normalizePhone(phone);
  if (!normalized)
    throw new AppError('validation_failed', 'not a phone number', [
      { field: 'query.phone', message: 'not a phone number' },
    ]);
  return selectLocationFixes(db, eq(locationFixes.phone, normalized), 5);
}
