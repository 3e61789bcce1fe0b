import { z } from 'zod';

export { EVENT_TYPES, type EventType } from './event-type-list';

import { EVENT_TYPES, type EventType } from './event-type-list';

export const ZEventType = z.enum(EVENT_TYPES);

/** The frame the server sends for each event (also returned by GET /api/events). */
export interface EventFrame<T = unknown> {
  seq: number;
  type: EventType;
  at: string;
  data: T;
}

// Protocol version, sent in the "welcome" frame; bump on an incompatible change.
export const PROTOCOL_VERSION = 1;

// Client → server messages, one discriminated union: anything else is answered with an error frame.
export const ZClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), since: z.number().int().min(0).nullable() }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('alert.delivered'), alertId: z.number().int().positive() }),
  z.object({
    type: z.literal('alert.ack'),
    alertId: z.number().int().positive(),
    requestId: z.string().max(100).optional(),
  }),
]);
export type ClientMessage = z.infer<typeof ZClientMessage>;

export type ServerFrame =
  | ({ kind?: undefined } & EventFrame)
  | { type: 'welcome'; protocol: number; head: number; role: string; stationId: number | null }
  | { type: 'subscribed'; since: number; head: number }
  | { type: 'replayed'; seq: number }
  | { type: 'heartbeat'; head: number; at: string }
  | { type: 'pong' }
  | { type: 'ack.result'; requestId?: string; alertId: number; ok: boolean; error?: string }
  | { type: 'error'; code: string; message: string; fields?: { field: string; message: string }[] };
