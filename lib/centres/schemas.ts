import { z } from 'zod';
import { TAKEOVER_REASONS } from '../../db/schema/enums';
import { ZId } from '../validation';

// What the centres' routes take.

export const ZStartTakeover = z.object({
  /** The centre that takes over; the centre's default partner when left out. */
  partnerId: ZId.optional(),
  reason: z.enum(TAKEOVER_REASONS).exclude(['overflow']),
  note: z.string().trim().max(1000).optional(),
});
export type TStartTakeover = { partnerId?: number; reason: (typeof TAKEOVER_REASONS)[number]; note?: string };

export const ZRequestTransfer = z.object({
  centreId: ZId,
  reason: z.string().trim().min(1).max(1000),
});
export type TRequestTransfer = z.infer<typeof ZRequestTransfer>;

export const ZTransfersQuery = z.object({
  /** pending: not yet accepted (default); all: the last 200 of either kind. */
  state: z.enum(['pending', 'all']).default('pending'),
});
