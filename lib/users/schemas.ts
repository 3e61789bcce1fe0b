import { z } from 'zod';
import { ROLES } from '../../db/schema';
import { ZId } from '../validation';

/** At least 10 characters: the centre's accounts open incident data and the alerting of units. */
export const ZPassword = z
  .string()
  .min(10, 'at least 10 characters')
  .max(200)
  .refine((p) => p.trim().length === p.length, 'no spaces at the start or end');

export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, '2–40 characters: letters, digits, . _ -');

/**
 * The one rule for accounts and API tokens alike (the database checks it too): the station role
 * belongs to exactly one station, the other roles to none. The problem in words, or null.
 */
export function stationRoleProblem(role: string, stationId: number | null | undefined): string | null {
  if (role === 'station' && !stationId) return 'the station role needs a station';
  if (role !== 'station' && stationId) return 'only the station role belongs to a station';
  return null;
}

/** The same rule for a zod object with `role` and `stationId` (a patch without `role` is not checked). */
export const stationRule = (v: { role?: string; stationId?: number | null }, ctx: z.RefinementCtx) => {
  const problem = v.role === undefined ? null : stationRoleProblem(v.role, v.stationId);
  if (problem) ctx.addIssue({ code: 'custom', path: ['stationId'], message: problem });
};

export const ZCreateUser = z
  .object({
    username: ZUsername,
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    stationId: ZId.nullable().optional(),
    /** The centre of a call-taker, dispatcher or supervisor; the creating supervisor's when left out. */
    centreId: ZId.nullable().optional(),
    password: ZPassword,
  })
  .superRefine(stationRule);
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    stationId: ZId.nullable().optional(),
    centreId: ZId.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .superRefine(stationRule)
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZResetPassword = z.object({ password: ZPassword });
