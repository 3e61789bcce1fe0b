// The value sets the schema's check constraints and the API's schemas share. No drizzle here: the
// browser imports this module (statuses, priorities, roles) without pulling the database layer in.

export const ROLES = ['call_taker', 'dispatcher', 'station', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const PRIORITIES = ['red', 'yellow', 'green'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const INCIDENT_STATUSES = ['new', 'dispatched', 'in_progress', 'closed', 'cancelled'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const CHANNELS = ['phone', 'email', 'sms', 'aml', 'ecall', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ASSIGNMENT_STATUSES = [
  'alerted',
  'acknowledged',
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
  'returning',
  'released',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const UNIT_STATUSES = [
  'available',
  'alerted',
  'acknowledged',
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
  'returning',
  'out_of_service',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const CONVERSATION_STATUSES = ['new', 'claimed', 'answered', 'incident', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** How a closed incident ended (the dispatcher's coded outcome; statistics count by it). */
export const OUTCOMES = ['handled', 'false_alarm', 'no_action', 'handed_over', 'duplicate'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What a timeline note records: an operator's note, or the reason given with a lifecycle action. */
export const NOTE_KINDS = [
  'note',
  'closed',
  'cancelled',
  'reopened',
  'merged',
  'released',
  'alert_cancelled',
  'swapped',
  'status_report',
  'call_linked',
  'call_transferred',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** A 112 call's life at the edge: waiting (offered, ringing), then answered, and how it ended. */
export const CALL_STATES = ['waiting', 'answered', 'ended', 'abandoned', 'transferred'] as const;
export type CallState = (typeof CALL_STATES)[number];
