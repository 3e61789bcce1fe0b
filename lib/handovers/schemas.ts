import { z } from 'zod';
import { INT32_MAX } from '../validation';

// What the hand-over routes take.

export const ZHandover = z.object({
  service: z.string().trim().min(2).max(40),
  reason: z.string().trim().min(1).max(1000),
});

export const ZHandoversQuery = z.object({
  incidentId: z.coerce.number().int().positive().max(INT32_MAX).optional(),
  pending: z.enum(['true', 'false']).optional(),
});
