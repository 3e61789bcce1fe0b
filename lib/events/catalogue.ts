import type { AssignmentStatus, UnitStatus } from '../../db/schema/enums';
import type { AlertDto } from '../alerts/alert-dto';
import type { AnchorDestination } from '../audit/anchor';
import type { ApiTokenDto } from '../auth/manage-api-tokens';
import type { CentreDto, TakeoverDto } from '../centres/centre-dto';
import type { TransferDto } from '../centres/transfer';
import type { LocationNoteDto } from '../geodata/nearest';
import type { HandoverDto } from '../handovers/handover-dto';
import type { IncidentSubstanceDto } from '../hazmat/incident-substances';
import type { IncidentTypeDto } from '../incident-types/update-incident-type';
import type { AssignmentDto, CallerDto, IncidentDto, NoteDto } from '../incidents/incident-dto';
import type { IncidentBefore, IncidentChange } from '../incidents/schemas';
import type { PublicAlertDto } from '../interop/public-alerts';
import type { KbArticleDto } from '../kb/save-kb-article';
import type { LocationFixDto } from '../locations/location-fix-dto';
import type { ConversationDto, MessageDto } from '../messages/conversation-dto';
import type { NotificationDto } from '../oncall/notification-dto';
import type { ServiceDto } from '../oncall/service-dto';
import type { StationDto } from '../stations/list-stations';
import type { CallDto, CallPositionDto } from '../telephony/call-dto';
import type { UnitDto } from '../units/unit-dto';
import type { UserDto } from '../users/user-dto';
import type { WebhookDto } from '../webhooks/manage-webhooks';

// The event catalogue: the contract every producer and consumer of the event log shares. For each
// event type, its payload (below), who may see it and its name on screen (EVENT_CATALOGUE); the
// builders that make events are in ./build.ts. This module has type imports only, so the browser
// imports it without zod or drizzle. To add an event: see docs/architecture.md.

export interface EventPayloads {
  'incident.created': { incident: IncidentDto };
  /**
   * `changes`: the fields the writer set (a status change by dispatch or on-scene names "status");
   * `before`: what those fields were, so the audit keeps an overwritten description or priority.
   * Events written before the log was chained have no `before`.
   */
  'incident.updated': { incident: IncidentDto; changes: IncidentChange[]; before?: IncidentBefore };
  'incident.note_added': { note: NoteDto };
  'incident.caller_added': { caller: CallerDto };
  /** Two incidents marked as related (`linked`), or the mark removed. */
  'incident.linked': { incidentId: number; linkedId: number; linked: boolean };
  'assignment.created': { assignment: AssignmentDto };
  /** The assignment as it now is; `from` is null in events written before protocol 2. */
  'assignment.updated': { assignment: AssignmentDto; from: AssignmentStatus | null };
  /** Also a re-alert: the same alert sent anew (`alert.realertCount` > 0). */
  'alert.created': { alert: AlertDto; incident: IncidentDto; unit: UnitDto };
  'alert.delivered': { alert: AlertDto };
  /** The unit was released before the alert was acknowledged (undo, cancel, reassignment, closing). */
  'alert.cancelled': { alert: AlertDto };
  'alert.acknowledged': { alert: AlertDto };
  'alert.escalated': { alert: AlertDto };
  'unit.status_changed': { unit: UnitDto; from: UnitStatus };
  'unit.position_changed': { unit: UnitDto };
  'unit.updated': {
    unit: UnitDto;
    created: boolean;
    changes: string[];
    before: Pick<UnitDto, 'callsign' | 'type' | 'capabilities' | 'stationId'> | null;
  };
  'location.fix_received': { fix: LocationFixDto };
  'ecall.received': {
    ecallId: number;
    vin: string;
    testCall: boolean;
    automatic: boolean;
    incidentId: number | null;
  };
  'incident_type.updated': {
    type: IncidentTypeDto;
    before: Pick<IncidentTypeDto, 'name' | 'defaultPriority' | 'needs' | 'questions'> | null;
  };
  'handover.created': { handover: HandoverDto; incident: IncidentDto };
  'handover.acknowledged': { handover: HandoverDto };
  'message.received': { conversation: ConversationDto; message: MessageDto };
  'message.sent': { conversation: ConversationDto; message: MessageDto };
  'conversation.updated': { conversation: ConversationDto; change: 'claimed' | 'linked' };
  'webhook.created': { webhook: WebhookDto };
  'webhook.deactivated': { webhook: WebhookDto };
  'public_alert.published': { alert: PublicAlertDto };
  'user.created': { user: UserDto };
  'user.updated': {
    user: UserDto;
    changes: string[];
    before: Pick<UserDto, 'displayName' | 'role' | 'stationId' | 'disabled'>;
    sessionsEnded: number;
  };
  'user.password_reset': { user: Pick<UserDto, 'id' | 'username'>; sessionsEnded: number };
  'station.saved': { station: StationDto; before: StationDto | null; changes: string[] };
  'kb_article.saved': {
    article: KbArticleDto;
    created: boolean;
    before: Omit<KbArticleDto, 'slug'> | null;
  };
  'api_token.created': { token: ApiTokenDto };
  'api_token.revoked': { token: ApiTokenDto };
  /** A 112 call reached the centre's edge and waits for a position. */
  'call.offered': { call: CallDto };
  /** A position's phone rings for the call. */
  'call.ringing': { call: CallDto; position: string };
  'call.answered': { call: CallDto };
  /** The caller hung up before anyone answered (or no position was there): a call-back is due. */
  'call.abandoned': { call: CallDto };
  'call.ended': { call: CallDto };
  'call.transferred': { call: CallDto; target: string };
  /** The caller's location arrived after the offer (a dereferenced location reference). */
  'call.located': { call: CallDto };
  /** The call was attached to an incident. */
  'call.linked': { call: CallDto };
  /** Somebody called an abandoned call back. */
  'call.callback': { call: CallDto };
  /** A position's phone registered or went away, or a call-taker sat down at it or left. */
  'call.position_changed': { position: CallPositionDto };
  /** An on-call service was notified about an incident (or the attempt failed: `notification.state`). */
  'oncall.notified': { notification: NotificationDto };
  'oncall.acknowledged': { notification: NotificationDto };
  'oncall.service_saved': { service: ServiceDto; before: ServiceDto | null; changes: string[] };
  /** A file was imported into a domain database. */
  'domain.imported': {
    dataset: string;
    format: string;
    inserted: number;
    updated: number;
    flagged: number;
    rejected: number;
  };
  'location_note.saved': { note: LocationNoteDto; before: LocationNoteDto | null };
  /**
   * The chain's head was written outside the database (lib/audit/anchor.ts): `seq` and `hash` are the
   * newest event's at that moment; each destination says whether it took the anchor.
   */
  'audit.anchored': { seq: number; hash: string; destinations: AnchorDestination[] };
  'location_note.deleted': { note: LocationNoteDto };
  'incident.substance_added': { substance: IncidentSubstanceDto };
  'incident.substance_removed': { substance: IncidentSubstanceDto };
  /**
   * A centre's calls and new incidents go to its partner from now on (`takeover.reason`: overflow,
   * night, evacuation, decision); `calls` are the calls that were waiting and moved with it.
   */
  'centre.takeover_started': { takeover: TakeoverDto; centre: CentreDto; calls: CallDto[] };
  /** The centre handles its region again; `calls` came back from the partner's queue. */
  'centre.takeover_ended': { takeover: TakeoverDto; centre: CentreDto; calls: CallDto[] };
  /** The owning centre asked another centre to take the incident over. */
  'incident.transfer_requested': { transfer: TransferDto; incident: IncidentDto };
  /** The other centre acknowledged: the incident is its own (`incident.centreId`). */
  'incident.transfer_accepted': { transfer: TransferDto; incident: IncidentDto };
}

export type EventType = keyof EventPayloads;
export type EventData<T extends EventType> = EventPayloads[T];
/** The part before the dot: incident, alert, unit … (the audit's filter). */
export type EventFamily = EventType extends `${infer F}.${string}` ? F : never;

/** The ids an event is filed under; a station sees an event of its own station or of an incident that concerns it. */
export type EventScope = 'incident' | 'unit' | 'station';

/** What the catalogue says of an event type, whatever the type. */
export interface EventDescription {
  /** The payload's top-level fields, for the protocol document. */
  data: readonly string[];
  /** centre: call-takers, dispatchers, supervisors (and stations by scope); supervisor: supervisors only. */
  audience: 'centre' | 'supervisor';
  /** Which of the event's ids the builder sets (documented, and checked by a unit test). */
  scope: readonly EventScope[];
  label: { sl: string; en: string };
  /** For the protocol document. */
  doc: string;
}

/** An entry of the catalogue: tsc checks each listed field against the payload; a unit test, that all are listed. */
export interface EventMeta<K extends EventType> extends EventDescription {
  data: readonly Extract<keyof EventPayloads[K], string>[];
}

const INCIDENT = ['incident'] as const;
const UNIT = ['unit', 'station'] as const;
const ALL_IDS = ['incident', 'unit', 'station'] as const;
const NONE = [] as const;

export const EVENT_CATALOGUE = {
  'incident.created': {
    data: ['incident'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Dogodek odprt', en: 'Incident logged' },
    doc: 'a call-taker (or eCall, EMSI) logged an incident',
  },
  'incident.updated': {
    data: ['incident', 'changes', 'before'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Dogodek spremenjen', en: 'Incident changed' },
    doc: 'fields changed (type, priority, status, location, …); `changes` names them, `before` holds their previous values',
  },
  'incident.note_added': {
    data: ['note'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Zaznamek', en: 'Note' },
    doc: "a note on the incident's timeline; `note.author` is who wrote it (or the sender of a message)",
  },
  'incident.caller_added': {
    data: ['caller'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Dodaten klicatelj', en: 'Another caller' },
    doc: 'another call about the same incident',
  },
  'incident.linked': {
    data: ['incidentId', 'linkedId', 'linked'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Povezava dogodkov', en: 'Incidents linked' },
    doc: 'a dispatcher linked two related incidents (or removed the link); filed under the first',
  },
  'assignment.created': {
    data: ['assignment'],
    audience: 'centre',
    scope: ALL_IDS,
    label: { sl: 'Enota dodeljena', en: 'Unit assigned' },
    doc: 'a unit was assigned to the incident',
  },
  'assignment.updated': {
    data: ['assignment', 'from'],
    audience: 'centre',
    scope: ALL_IDS,
    label: { sl: 'Status dodelitve', en: 'Assignment status' },
    doc: 'the assignment as it now is (status and its time stamps), and the status it had',
  },
  'alert.created': {
    data: ['alert', 'incident', 'unit'],
    audience: 'centre',
    scope: ALL_IDS,
    label: { sl: 'Alarm poslan', en: 'Alert sent' },
    doc: 'the alert as `GET /api/alerts` returns it, with the incident and unit; a re-alert sends it again with `alert.realertCount` > 0',
  },
  'alert.delivered': {
    data: ['alert'],
    audience: 'centre',
    scope: ALL_IDS,
    label: { sl: 'Alarm prejet', en: 'Alert delivered' },
    doc: "the station's screen confirmed it received the alert",
  },
  'alert.cancelled': {
    data: ['alert'],
    audience: 'centre',
    scope: ALL_IDS,
    label: { sl: 'Alarm preklican', en: 'Alert cancelled' },
    doc: "the unit was released before anyone acknowledged; the station's alarm stops",
  },
  'alert.acknowledged': {
    data: ['alert'],
    audience: 'centre',
    scope: ALL_IDS,
    label: { sl: 'Alarm potrjen', en: 'Alert acknowledged' },
    doc: 'the station acknowledged the alert',
  },
  'alert.escalated': {
    data: ['alert'],
    audience: 'centre',
    scope: ALL_IDS,
    label: { sl: 'Alarm ni potrjen', en: 'Alert escalated' },
    doc: "not acknowledged within the agency's timeout",
  },
  'unit.status_changed': {
    data: ['unit', 'from'],
    audience: 'centre',
    scope: ALL_IDS,
    label: { sl: 'Status enote', en: 'Unit status' },
    doc: "a unit's status changed; the event also names the incident it works on",
  },
  'unit.position_changed': {
    data: ['unit'],
    audience: 'centre',
    scope: UNIT,
    label: { sl: 'Položaj enote', en: 'Unit position' },
    doc: 'a position report (AVL)',
  },
  'unit.updated': {
    data: ['unit', 'created', 'changes', 'before'],
    audience: 'centre',
    scope: UNIT,
    label: { sl: 'Enota urejena', en: 'Unit edited' },
    doc: 'a supervisor added or changed a unit; `before` holds the old values',
  },
  'location.fix_received': {
    data: ['fix'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Lokacija naprave', en: 'Device location' },
    doc: 'AML or eCall location of a phone number',
  },
  'ecall.received': {
    data: ['ecallId', 'vin', 'testCall', 'automatic', 'incidentId'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'eCall', en: 'eCall' },
    doc: "a car's eCall (the incident it opened, none for a test call)",
  },
  'incident_type.updated': {
    data: ['type', 'before'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Vrsta dogodka urejena', en: 'Incident type edited' },
    doc: 'a supervisor changed a type or its protocol; `before` holds the old one',
  },
  'handover.created': {
    data: ['handover', 'incident'],
    audience: 'centre',
    scope: ['incident', 'station'],
    label: { sl: 'Predaja', en: 'Hand-over' },
    doc: 'the incident was handed over to a service (police 113, medical dispatch, a centre)',
  },
  'handover.acknowledged': {
    data: ['handover'],
    audience: 'centre',
    scope: ['incident', 'station'],
    label: { sl: 'Predaja potrjena', en: 'Hand-over acknowledged' },
    doc: 'the service acknowledged the hand-over',
  },
  'message.received': {
    data: ['conversation', 'message'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Sporočilo prejeto', en: 'Message received' },
    doc: 'an e-mail or SMS to 112 arrived',
  },
  'message.sent': {
    data: ['conversation', 'message'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Sporočilo poslano', en: 'Message sent' },
    doc: 'a reply was sent (or its delivery state changed)',
  },
  'conversation.updated': {
    data: ['conversation', 'change'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Pogovor', en: 'Conversation' },
    doc: 'a conversation was claimed or linked to an incident',
  },
  'webhook.created': {
    data: ['webhook'],
    audience: 'supervisor',
    scope: NONE,
    label: { sl: 'Spletni kavelj dodan', en: 'Webhook added' },
    doc: 'a supervisor subscribed a URL to events',
  },
  'webhook.deactivated': {
    data: ['webhook'],
    audience: 'supervisor',
    scope: NONE,
    label: { sl: 'Spletni kavelj ukinjen', en: 'Webhook removed' },
    doc: 'a subscription was ended',
  },
  'public_alert.published': {
    data: ['alert'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Javno opozorilo', en: 'Public warning' },
    doc: 'a CAP alert (or its cancellation) was published',
  },
  'user.created': {
    data: ['user'],
    audience: 'supervisor',
    scope: NONE,
    label: { sl: 'Račun odprt', en: 'Account opened' },
    doc: 'an account was opened',
  },
  'user.updated': {
    data: ['user', 'changes', 'before', 'sessionsEnded'],
    audience: 'supervisor',
    scope: NONE,
    label: { sl: 'Račun spremenjen', en: 'Account changed' },
    doc: 'an account changed (name, role, station, disabled); `before` holds the old values',
  },
  'user.password_reset': {
    data: ['user', 'sessionsEnded'],
    audience: 'supervisor',
    scope: NONE,
    label: { sl: 'Geslo ponastavljeno', en: 'Password reset' },
    doc: "a supervisor set a new password; the person's sessions ended",
  },
  'station.saved': {
    data: ['station', 'before', 'changes'],
    audience: 'centre',
    scope: ['station'],
    label: { sl: 'Postaja urejena', en: 'Station edited' },
    doc: 'a station was added or changed; `before` holds the old one',
  },
  'kb_article.saved': {
    data: ['article', 'created', 'before'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Članek baze znanja', en: 'Knowledge-base article' },
    doc: 'an article was written or edited; `before` holds the old text',
  },
  'api_token.created': {
    data: ['token'],
    audience: 'supervisor',
    scope: ['station'],
    label: { sl: 'Žeton API izdan', en: 'API token issued' },
    doc: 'an API token was issued (never its secret)',
  },
  'api_token.revoked': {
    data: ['token'],
    audience: 'supervisor',
    scope: ['station'],
    label: { sl: 'Žeton API preklican', en: 'API token revoked' },
    doc: 'an API token was revoked',
  },
  'call.offered': {
    data: ['call'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Klic 112 čaka', en: '112 call waiting' },
    doc: "a call reached the edge: the caller's number, location and additional data as the INVITE carried them",
  },
  'call.ringing': {
    data: ['call', 'position'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Klic zvoni', en: 'Call ringing' },
    doc: "a position's phone rings for the call",
  },
  'call.answered': {
    data: ['call'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Klic sprejet', en: 'Call answered' },
    doc: 'a position answered; the call-taker sitting there gets the call form filled',
  },
  'call.abandoned': {
    data: ['call'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Klic prekinjen pred odgovorom', en: 'Call abandoned' },
    doc: 'the caller hung up before an answer, or no position was registered: it goes to the call-back list',
  },
  'call.ended': {
    data: ['call'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Klic končan', en: 'Call ended' },
    doc: 'an answered call ended (endReason: caller or position hung up)',
  },
  'call.transferred': {
    data: ['call', 'target'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Klic preusmerjen', en: 'Call transferred' },
    doc: 'the call was transferred (by a call-taker, or to the overflow centre by the edge)',
  },
  'call.located': {
    data: ['call'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Lokacija klicočega', en: "Caller's location" },
    doc: "the caller's location arrived by reference after the offer (or could not be fetched)",
  },
  'call.linked': {
    data: ['call'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Klic pripet dogodku', en: 'Call attached to incident' },
    doc: 'the call was attached to an incident (new, or an existing one for a repeat caller)',
  },
  'call.callback': {
    data: ['call'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Povratni klic', en: 'Call-back' },
    doc: 'a call-taker called an abandoned call back and recorded the outcome',
  },
  'call.position_changed': {
    data: ['position'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Delovno mesto', en: 'Position' },
    doc: "a position's phone registered or unregistered, or a call-taker sat down at it or left",
  },
  'oncall.notified': {
    data: ['notification'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Obveščena dežurna služba', en: 'On-call service notified' },
    doc: 'an on-call service was notified (SMS, e-mail, webhook) or "notified by phone" recorded; a failed delivery has state failed',
  },
  'oncall.acknowledged': {
    data: ['notification'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Dežurna služba potrdila', en: 'On-call service acknowledged' },
    doc: 'the officer acknowledged (the link in the message, the partner system, or recorded by hand)',
  },
  'oncall.service_saved': {
    data: ['service', 'before', 'changes'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Imenik dežurnih služb', en: 'On-call directory' },
    doc: 'a service of the on-call directory was created or changed (roster, exceptions, contacts)',
  },
  'domain.imported': {
    data: ['dataset', 'format', 'inserted', 'updated', 'flagged', 'rejected'],
    audience: 'supervisor',
    scope: NONE,
    label: { sl: 'Uvoz podatkov', en: 'Data import' },
    doc: 'a file was imported into a domain database (AEDs, water sources, hospitals, location notes, dangerous goods)',
  },
  'audit.anchored': {
    data: ['seq', 'hash', 'destinations'],
    audience: 'supervisor',
    scope: NONE,
    label: { sl: 'Sidro revizijske sledi', en: 'Audit trail anchor' },
    doc: "the event log's chain head (seq, hash) was written to the anchor file or sent to the anchor address",
  },
  'location_note.saved': {
    data: ['note', 'before'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Opozorilo lokacije', en: 'Location note' },
    doc: 'a warning tied to a place was written or changed (`before`: as it was)',
  },
  'location_note.deleted': {
    data: ['note'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Opozorilo lokacije izbrisano', en: 'Location note deleted' },
    doc: 'a location note was deleted (kept in the table, hidden)',
  },
  'incident.substance_added': {
    data: ['substance'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Nevarna snov', en: 'Dangerous goods' },
    doc: "a substance reported at the incident (UN number, the orange plate's hazard number), with the table's entries",
  },
  'incident.substance_removed': {
    data: ['substance'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Nevarna snov odstranjena', en: 'Dangerous goods removed' },
    doc: 'a substance recorded by mistake was removed',
  },
  'centre.takeover_started': {
    data: ['takeover', 'centre', 'calls'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Prevzem centra', en: 'Centre taken over' },
    doc: "a centre's calls and new incidents go to its partner centre (overflow, night, evacuation, decision); the calls that were waiting moved with it",
  },
  'centre.takeover_ended': {
    data: ['takeover', 'centre', 'calls'],
    audience: 'centre',
    scope: NONE,
    label: { sl: 'Prevzem končan', en: 'Take-over ended' },
    doc: 'the centre handles its region again; the calls waiting at the partner came back',
  },
  'incident.transfer_requested': {
    data: ['transfer', 'incident'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Predaja centru', en: 'Hand-over to a centre' },
    doc: 'the owning centre asked another centre to take the incident over',
  },
  'incident.transfer_accepted': {
    data: ['transfer', 'incident'],
    audience: 'centre',
    scope: INCIDENT,
    label: { sl: 'Predaja centru potrjena', en: 'Centre hand-over accepted' },
    doc: 'the other centre acknowledged: the incident is its own from now on',
  },
} as const satisfies { [K in EventType]: EventMeta<K> };

// The keys of a `satisfies` record are exactly the event types: the list is derived, never written twice.
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

export const EVENT_FAMILIES: Record<EventFamily, { sl: string; en: string }> = {
  incident: { sl: 'Dogodki', en: 'Incidents' },
  assignment: { sl: 'Dodelitve', en: 'Assignments' },
  alert: { sl: 'Alarmi', en: 'Alerts' },
  unit: { sl: 'Enote', en: 'Units' },
  location: { sl: 'Lokacije naprav', en: 'Device locations' },
  ecall: { sl: 'eCall', en: 'eCall' },
  incident_type: { sl: 'Vrste dogodkov', en: 'Incident types' },
  handover: { sl: 'Predaje', en: 'Hand-overs' },
  message: { sl: 'Sporočila', en: 'Messages' },
  conversation: { sl: 'Pogovori', en: 'Conversations' },
  webhook: { sl: 'Spletni kavlji', en: 'Webhooks' },
  public_alert: { sl: 'Javna opozorila', en: 'Public warnings' },
  user: { sl: 'Računi', en: 'Accounts' },
  station: { sl: 'Postaje', en: 'Stations' },
  kb_article: { sl: 'Baza znanja', en: 'Knowledge base' },
  api_token: { sl: 'Žetoni API', en: 'API tokens' },
  call: { sl: 'Klici 112', en: '112 calls' },
  oncall: { sl: 'Dežurne službe', en: 'On-call services' },
  domain: { sl: 'Podatkovne zbirke', en: 'Domain databases' },
  location_note: { sl: 'Opozorila lokacij', en: 'Location notes' },
  audit: { sl: 'Revizijska sled', en: 'Audit trail' },
  centre: { sl: 'Centri', en: 'Centres' },
};

export const SUPERVISOR_ONLY_EVENTS = EVENT_TYPES.filter((t) => EVENT_CATALOGUE[t].audience === 'supervisor');

/** An event as the log stores it and the socket, GET /api/events and webhooks send it. */
export type EventFrame<K extends EventType = EventType> = {
  [T in K]: { seq: number; type: T; at: string; data: EventPayloads[T] };
}[K];
