import { z } from 'zod';

// What the hand-over routes take.

export const ZHandover = z.object({
  service: z.string().trim().min(2).max(40),
  reason: z.string().trim().min(1).max(1000),
});

export const ZHandoversQuery = z.object({
  incidentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  pending: z.enum(['true', 'false']).optional(),
});
