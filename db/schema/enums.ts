// The value sets the schema's check constraints and the API's schemas share. No drizzle here: the
// browser imports this module (statuses, priorities, roles) without pulling the database layer in.

export const ROLES = ['call_taker', 'dispatcher', 'station', 'supervisor', 'national'] as const;
export type Role = (typeof ROLES)[number];
/** The roles that work in a centre (the database checks the same: users_centre_check). */
export const CENTRE_STAFF_ROLES: readonly string[] = ['call_taker', 'dispatcher', 'supervisor'];

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
  'oncall_notified',
  'oncall_acknowledged',
  'substance_added',
  'substance_removed',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** A 112 call's life at the edge: waiting (offered, ringing), then answered, and how it ended. */
/** Why a centre's calls and incidents are handled by a partner centre. */
export const TAKEOVER_REASONS = ['overflow', 'night', 'evacuation', 'decision'] as const;
export type TakeoverReason = (typeof TAKEOVER_REASONS)[number];

export const CALL_STATES = ['waiting', 'answered', 'ended', 'abandoned', 'transferred'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** Kinds of on-call service the centre notifies (the directory's filter and the suggestions' key). */
export const SERVICE_KINDS = [
  'electricity',
  'water',
  'gas',
  'roads',
  'veterinary',
  'social_work',
  'civil_protection',
  'chimney_sweep',
  'environment',
  'heating',
  'telecom',
  'other',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** How an on-call officer is reached. */
export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'webhook'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** A notification's life: sent (waiting for the acknowledgement), failed, acknowledged. */
export const NOTIFICATION_STATES = ['sent', 'failed', 'acknowledged'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** Water sources as OpenStreetMap's fire_hydrant:type and emergency=* name them. */
export const WATER_SOURCE_KINDS = [
  'underground',
  'pillar',
  'wall',
  'pipe',
  'suction_point',
  'water_tank',
  'pond',
  'other',
] as const;
export type WaterSourceKind = (typeof WATER_SOURCE_KINDS)[number];
export const WATER_SOURCE_STATES = ['in_service', 'out_of_service', 'unknown'] as const;

/** What an emergency department can take (the nearest suitable hospital's filter). */
export const HOSPITAL_CAPABILITIES = [
  'emergency',
  'trauma',
  'stroke',
  'pci',
  'burns',
  'paediatrics',
  'obstetrics',
  'psychiatry',
  'hyperbaric',
] as const;
export type HospitalCapability = (typeof HOSPITAL_CAPABILITIES)[number];

export const LOCATION_NOTE_SEVERITIES = ['info', 'warning', 'danger'] as const;
export type LocationNoteSeverity = (typeof LOCATION_NOTE_SEVERITIES)[number];
