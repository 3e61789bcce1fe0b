import { z } from 'zod';
import { CONVERSATION_STATUSES, MESSAGE_CHANNELS } from '../../db/schema/enums';
import { ZId } from '../validation';

// What the inbox routes take (the written channels: 112 e-mail and SMS).

export const ZMessagesQuery = z.object({
  status: z.enum(['open', 'all', ...CONVERSATION_STATUSES]).default('open'),
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  /** Only the conversations I have claimed. */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ZClaim = z.object({ takeOver: z.boolean().optional() }).optional();

export const ZReply = z.object({ text: z.string().trim().min(1).max(10_000) });

export const ZLinkIncident = z.object({ incidentId: ZId });
