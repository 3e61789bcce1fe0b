import { z } from 'zod';

// Every realtime event type, in one list shared by the server and the browser. Payloads carry full
// snapshots of the entity after the change, so a client can apply an event without a fetch.
export const EVENT_TYPES = [
  'incident.created',
  'incident.updated',
  'incident.note_added',
  'incident.caller_added',
  'assignment.created',
  'assignment.updated',
  'alert.created',
  'alert.delivered',
  'alert.acknowledged',
  'alert.escalated',
  'unit.status_changed',
  'unit.position_changed',
  'location.fix_received',
  'ecall.received',
  'incident_type.updated',
  'handover.created',
  'handover.acknowledged',
  'message.received',
  'message.sent',
  'conversation.updated',
  'webhook.created',
  'webhook.deactivated',
  'public_alert.published',
  'user.created',
  'user.updated',
  'user.password_reset',
  'station.saved',
  'unit.updated',
  'kb_article.saved',
  'api_token.created',
  'api_token.revoked',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

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
