import { z } from 'zod';
import type { EventFrame } from '../events/catalogue';
import { ZId } from '../validation';

// The realtime protocol's own frames (docs/realtime-protocol.md). The events themselves, their payloads
// and who sees them are the event catalogue's (lib/events/catalogue.ts).
export type { EventFrame, EventType } from '../events/catalogue';

// Protocol version, sent in the "welcome" frame; raised on an incompatible change.
// 2: alert.created carries {alert, incident, unit} (the alert as the API returns it) instead of the
// alert's fields flat; assignment.updated carries {assignment, from} instead of ids and a status;
// message.sent always carries the whole conversation.
export const PROTOCOL_VERSION = 2;

// Client → server messages, one discriminated union: anything else is answered with an error frame.
export const ZClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), since: z.number().int().min(0).nullable() }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('alert.delivered'), alertId: ZId }),
  z.object({
    type: z.literal('alert.ack'),
    alertId: ZId,
    requestId: z.string().max(100).optional(),
  }),
]);
export type ClientMessage = z.infer<typeof ZClientMessage>;

export type ServerFrame =
  | EventFrame
  | { type: 'welcome'; protocol: number; head: number; role: string; stationId: number | null }
  | { type: 'subscribed'; since: number; head: number }
  | { type: 'replayed'; seq: number }
  | { type: 'heartbeat'; head: number; at: string }
  | { type: 'pong' }
  | { type: 'ack.result'; requestId?: string; alertId: number; ok: boolean; error?: string }
  | { type: 'error'; code: string; message: string; fields?: { field: string; message: string }[] };
