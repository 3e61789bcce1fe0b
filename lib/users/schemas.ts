import { z } from 'zod';
import { ROLES } from '../../db/schema';

const ZId = z.number().int().positive().max(2_147_483_647);

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

const stationRule = (v: { role?: string; stationId?: number | null }, ctx: z.RefinementCtx) => {
  if (v.role === undefined) return;
  if (v.role === 'station' && !v.stationId)
    ctx.addIssue({ code: 'custom', path: ['stationId'], message: 'a station account needs a station' });
  if (v.role !== 'station' && v.stationId)
    ctx.addIssue({
      code: 'custom',
      path: ['stationId'],
      message: 'only station accounts belong to a station',
    });
};

export const ZCreateUser = z
  .object({
    username: ZUsername,
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    stationId: ZId.nullable().optional(),
    password: ZPassword,
  })
  .superRefine(stationRule);
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    stationId: ZId.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .superRefine(stationRule)
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZResetPassword = z.object({ password: ZPassword });
