import { z } from 'zod';
import { PRIORITIES } from '../../db/schema';
import { addDays, toLjubljana } from '../i18n/format';

const ZDate = z.iso.date('a date, YYYY-MM-DD');

/** A period of whole days in Europe/Ljubljana, both ends included; at most a year and a day. */
export const ZStatsQuery = z
  .object({
    from: ZDate.optional(),
    to: ZDate.optional(),
    agency: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,40}$/i, 'an agency code')
      .optional(),
    priority: z.enum(PRIORITIES).optional(),
    type: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,63}$/, 'an incident type code')
      .optional(),
    /** One centre's incidents (the centre they belong to now); all centres when left out. */
    centreId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .transform((q) => {
    const today = toLjubljana(new Date()).date;
    const to = q.to ?? today;
    const from = q.from ?? addDays(to, -29);
    return { ...q, from, to };
  })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    else if (addDays(q.from, 366) < q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 366 days after from' });
  });
export type TStatsQuery = z.infer<typeof ZStatsQuery>;
