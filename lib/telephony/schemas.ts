import { z } from 'zod';
import { ZId } from '../validation';
import { CALL_LISTS } from './call-dto';

// What the telephony routes take. The edge's events are Kamailio's own JSON (deploy/kamailio/cad112.cfg).

const ZText = (max: number) => z.string().max(max);

export const ZEdgeEvent = z.object({
  /** Unique per event (Kamailio's start time and a counter): a retried delivery is applied once. */
  id: z.string().min(1).max(100),
  event: z.enum(['offered', 'ringing', 'answered', 'abandoned', 'ended', 'transferred', 'registered']),
  callId: z.string().min(1).max(300),
  /** When the edge saw it: Unix seconds with microseconds ("1795970728.447082"). */
  at: z.string().regex(/^\d{9,11}(\.\d{1,6})?$/, 'Unix seconds, e.g. 1795970728.447082'),
  /** The INVITE as received, base64 (offered). */
  message: z.string().max(2_000_000).optional(),
  source: ZText(100).optional(),
  position: ZText(100).optional(),
  contact: ZText(500).optional(),
  expires: z
    .string()
    .regex(/^\d{0,7}$/)
    .optional(),
  fromTag: ZText(200).optional(),
  toTag: ZText(200).optional(),
  target: ZText(300).optional(),
  reason: ZText(40).optional(),
  /** The regional centre the call came in for (the code the edge's route gives, e.g. KP), offered only. */
  centre: ZText(20).optional(),
});
export type EdgeEvent = z.infer<typeof ZEdgeEvent>;

/**
 * One event, or what the edge had queued, in order (at most 100): each element is checked on its own,
 * so one the CAD cannot read is refused alone (named in the answer) and the others are applied.
 */
export const ZEdgeDelivery = z.union([ZEdgeEvent, z.array(z.unknown()).min(1).max(100)]);

export const ZCallsQuery = z.object({ list: z.enum(CALL_LISTS).default('waiting') });

export const ZLinkCall = z.object({ incidentId: ZId });

export const ZTransferCall = z.object({
  /** The code of a station (service) with a transfer number (GET /api/telephony/targets). */
  target: z.string().trim().min(2).max(40),
});

export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'not_needed'] as const;
export const ZCallback = z.object({
  outcome: z.enum(CALLBACK_OUTCOMES),
  note: z.string().trim().max(1000).default(''),
});

export const ZMyPosition = z.object({
  /** The position's id as its phone registers it (pos-01); null: leave the position. */
  position: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._+-]{1,100}$/, 'letters, digits, . _ + - (as the phone registers)')
    .nullable(),
});
