// Every realtime event type, in one list shared by the server and the browser (no zod here, so a page
// can import the list itself). Payloads carry full
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
