import { z } from 'zod';
import { ROLES, type Role, UNIT_STATUSES } from '../../db/schema';
import { ZEcallMsd } from '../ecall/schemas';
import {
  ZAddCaller,
  ZAddNote,
  ZAssignUnit,
  ZCreateIncident,
  ZIncidentListQuery,
  ZNearbyQuery,
  ZUpdateIncident,
} from '../incidents/schemas';
import { ZIncidentTypeDefinition } from '../triage/schemas';

// Every HTTP endpoint in one table: who may call it, what it takes. The route handlers, the
// authorisation checks, the OpenAPI document and the authorisation-matrix test all read this table,
// so an endpoint without a rule cannot exist.

export const ZLogin = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const ZUnitStatus = z.object({ status: z.enum(UNIT_STATUSES) });
export const ZUnitsQuery = z.object({
  near: z
    .string()
    .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'lat,lon in decimal degrees')
    .transform((v) => v.split(',').map(Number) as [number, number])
    .refine(
      ([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180,
      'latitude within ±90, longitude within ±180',
    )
    .optional(),
});
export const ZEventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const ZGeoParseQuery = z.object({ text: z.string().trim().min(1).max(100) });
export const ZAmlQuery = z.object({ from: z.string().max(40).optional() });
export const ZPhoneQuery = z.object({ phone: z.string().trim().min(3).max(40) });
export const ZGeocodeQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const ZReverseQuery = z.object({
  lat: z.coerce.number().finite().min(-90).max(90),
  lon: z.coerce.number().finite().min(-180).max(180),
});
export const ZKbQuery = z.object({
  q: z.string().trim().max(200).optional(),
  type: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
});
export const ZHandover = z.object({
  service: z.string().trim().min(2).max(40),
  reason: z.string().trim().min(1).max(1000),
});
export const ZHandoversQuery = z.object({
  incidentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  pending: z.enum(['true', 'false']).optional(),
});
export const ZUnitPosition = z.object({
  lat: z.number().finite().min(-90).max(90),
  lon: z.number().finite().min(-180).max(180),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const ZAlertsQuery = z.object({ pending: z.enum(['true', 'false']).optional() });

export const ZMessagesQuery = z.object({
  status: z.enum(['open', 'all', 'new', 'claimed', 'answered', 'incident', 'closed']).default('open'),
  channel: z.enum(['email', 'sms']).optional(),
  /** Only the conversations I have claimed. */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ZClaim = z.object({ takeOver: z.boolean().optional() }).optional();
export const ZReply = z.object({ text: z.string().trim().min(1).max(10_000) });
export const ZLinkIncident = z.object({ incidentId: z.number().int().positive().max(2_147_483_647) });

export { ZSmsInbound, ZSmsStatus } from '../messages/sms';

import { ZSmsInbound, ZSmsStatus } from '../messages/sms';

export const ZGeoJsonIncidentsQuery = z.object({
  status: z.enum(['open', 'all', 'new', 'dispatched', 'in_progress', 'closed', 'cancelled']).default('open'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export { ZCreateWebhook } from '../webhooks/manage-webhooks';

import { ZCreateWebhook } from '../webhooks/manage-webhooks';

export { ZPublicAlert } from '../interop/public-alerts';

import { ZAuditQuery } from '../audit/list-audit';
import { ZCreateApiToken } from '../auth/manage-api-tokens';
import { ZPublicAlert } from '../interop/public-alerts';
import { ZKbArticle } from '../kb/save-kb-article';
import { ZReplayWindow } from '../replay/load-replay';
import { ZCreateStation, ZUpdateStation } from '../stations/save-station';
import { ZStatsQuery } from '../stats/schemas';
import { ZCreateUnit, ZUpdateUnit } from '../units/save-unit';
import { ZCreateUser, ZResetPassword, ZUpdateUser } from '../users/schemas';

export type Access = 'public' | 'authenticated' | readonly Role[];

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Accepts an Idempotency-Key header; a repeated key replays the stored answer. */
  idempotent?: boolean;
  /** The body is not JSON: the handler gets it as text (see RawBody). */
  raw?: true;
  /** Status of a successful answer. */
  status?: number;
}

const CENTRE: readonly Role[] = ['call_taker', 'dispatcher', 'supervisor'];
const DISPATCH: readonly Role[] = ['dispatcher', 'supervisor'];
const ALL: readonly Role[] = ROLES;

const SUPERVISOR: readonly Role[] = ['supervisor'];

export const ROUTES = {
  statsSummary: {
    method: 'GET',
    path: '/api/stats/summary',
    summary:
      'Response times (count, median, 90th percentile of call → created → alerted → acknowledged → on scene) and incidents per hour, day, type and priority for a period, from the event log; format=csv for spreadsheets',
    access: SUPERVISOR,
    query: ZStatsQuery,
  },
  statsHeat: {
    method: 'GET',
    path: '/api/stats/heat',
    summary: 'Incidents of a period counted on a grid, for the heat map',
    access: SUPERVISOR,
    query: ZStatsQuery,
  },
  audit: {
    method: 'GET',
    path: '/api/audit',
    summary:
      'The audit trail (the append-only event log), newest first, by user, incident, unit, event type and time; paged with before=seq; format=csv',
    access: SUPERVISOR,
    query: ZAuditQuery,
  },
  incidentReplay: {
    method: 'GET',
    path: '/api/incidents/{id}/replay',
    summary: "An incident's events from the log with its units' moves, for replay on the map",
    access: DISPATCH,
  },
  windowReplay: {
    method: 'GET',
    path: '/api/replay',
    summary: 'Everything on the map in a time window (at most 24 h): the state at its start and every event',
    access: SUPERVISOR,
    query: ZReplayWindow,
  },
  listUsers: {
    method: 'GET',
    path: '/api/users',
    summary: 'Accounts with role, station, disabled, last activity (never a password hash)',
    access: SUPERVISOR,
  },
  createUser: {
    method: 'POST',
    path: '/api/users',
    summary: 'Open an account (password at least 10 characters)',
    access: SUPERVISOR,
    body: ZCreateUser,
    idempotent: true,
    status: 201,
  },
  updateUser: {
    method: 'PATCH',
    path: '/api/users/{id}',
    summary:
      "Change an account's name, role, station or disabled; a change of role, station or disabling ends its sessions",
    access: SUPERVISOR,
    body: ZUpdateUser,
    idempotent: true,
  },
  resetPassword: {
    method: 'POST',
    path: '/api/users/{id}/password',
    summary: 'Set a new password for an account; its sessions end',
    access: SUPERVISOR,
    body: ZResetPassword,
    idempotent: true,
  },
  createStation: {
    method: 'POST',
    path: '/api/stations',
    summary: 'Add a station with its position and service area (a polygon drawn on the map)',
    access: SUPERVISOR,
    body: ZCreateStation,
    idempotent: true,
    status: 201,
  },
  updateStation: {
    method: 'PATCH',
    path: '/api/stations/{id}',
    summary: "Change a station's code, name, agency, address, position or service area",
    access: SUPERVISOR,
    body: ZUpdateStation,
    idempotent: true,
  },
  createUnit: {
    method: 'POST',
    path: '/api/units',
    summary: 'Add a unit (placed at its station, available)',
    access: SUPERVISOR,
    body: ZCreateUnit,
    idempotent: true,
    status: 201,
  },
  updateUnit: {
    method: 'PATCH',
    path: '/api/units/{id}',
    summary: "Change a unit's callsign, type, capabilities or station (not while it is on an incident)",
    access: SUPERVISOR,
    body: ZUpdateUnit,
    idempotent: true,
  },
  saveKbArticle: {
    method: 'PUT',
    path: '/api/kb/{slug}',
    summary: 'Write or edit a knowledge-base article (both languages)',
    access: SUPERVISOR,
    body: ZKbArticle,
    idempotent: true,
  },
  listApiTokens: {
    method: 'GET',
    path: '/api/tokens',
    summary: 'API tokens of integrations (never the secret)',
    access: SUPERVISOR,
  },
  createApiToken: {
    method: 'POST',
    path: '/api/tokens',
    // Not idempotent on purpose: a stored replay would keep the secret in the database.
    summary: 'Issue an API token; the secret is in this answer only and stored as a hash',
    access: SUPERVISOR,
    body: ZCreateApiToken,
    status: 201,
  },
  revokeApiToken: {
    method: 'POST',
    path: '/api/tokens/{id}/revoke',
    summary: 'Revoke a token: its requests fail and its sockets close at once',
    access: SUPERVISOR,
    idempotent: true,
  },
  listMessages: {
    method: 'GET',
    path: '/api/messages',
    summary: 'Written-channel inbox (112 e-mail, SMS 112): conversations with their newest message',
    access: CENTRE,
    query: ZMessagesQuery,
  },
  getMessages: {
    method: 'GET',
    path: '/api/messages/{id}',
    summary: 'One conversation with every message',
    access: CENTRE,
  },
  claimMessages: {
    method: 'POST',
    path: '/api/messages/{id}/claim',
    summary: 'Take a conversation (409 if someone else has it, unless takeOver)',
    access: CENTRE,
    body: ZClaim,
    idempotent: true,
  },
  replyMessages: {
    method: 'POST',
    path: '/api/messages/{id}/reply',
    summary: 'Answer a conversation (e-mail through the relay, threaded)',
    access: CENTRE,
    body: ZReply,
    idempotent: true,
    status: 201,
  },
  createWebhook: {
    method: 'POST',
    path: '/api/webhooks',
    summary:
      'Subscribe a URL to event types; deliveries are HMAC-signed and retried. The secret is shown once',
    access: ['supervisor'],
    body: ZCreateWebhook,
    idempotent: true,
    status: 201,
  },
  listWebhooks: {
    method: 'GET',
    path: '/api/webhooks',
    summary: 'Webhook subscriptions with their delivery state (cursor, last error, failing since)',
    access: ['supervisor'],
  },
  webhookDeliveries: {
    method: 'GET',
    path: '/api/webhooks/{id}/deliveries',
    summary: 'The last 200 delivery attempts of a subscription',
    access: ['supervisor'],
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/api/webhooks/{id}',
    summary: 'Stop a subscription (its history stays)',
    access: ['supervisor'],
  },
  metrics: {
    method: 'GET',
    path: '/api/metrics',
    summary: 'Process and realtime figures for monitoring: sockets, send buffers, event head, memory',
    access: ['supervisor'],
  },
  incidentCap: {
    method: 'GET',
    path: '/api/incidents/{id}/cap',
    summary:
      'The incident as a CAP 1.2 alert (sl-SI and en-US info blocks, area circle); Update/Cancel reference the first alert',
    access: ALL,
  },
  incidentEmsi: {
    method: 'GET',
    path: '/api/incidents/{id}/emsi',
    summary: 'The incident as an EMSI (ISO/TR 22351) message: CONTEXT, EVENT, RESOURCE and MISSION',
    access: ALL,
  },
  importEmsi: {
    method: 'POST',
    path: '/api/emsi',
    summary:
      "A partner's EMSI message (XML): ALERT opens an incident, UPDATE changes it, CANCEL cancels it; once per CONTEXT/ID",
    access: DISPATCH,
    raw: true,
    status: 201,
  },
  publishAlert: {
    method: 'POST',
    path: '/api/cap/alerts',
    summary: 'Publish a public warning (CAP 1.2, scope Public) for an area drawn on the map',
    access: ['supervisor'],
    body: ZPublicAlert,
    idempotent: true,
    status: 201,
  },
  listPublicAlerts: {
    method: 'GET',
    path: '/api/cap/alerts',
    summary: 'Published public warnings and their cancellations',
    access: ['supervisor'],
  },
  getPublicAlert: {
    method: 'GET',
    path: '/api/cap/alerts/{id}',
    summary: 'One public warning as a CAP 1.2 document (public)',
    access: 'public',
  },
  cancelPublicAlert: {
    method: 'POST',
    path: '/api/cap/alerts/{id}/cancel',
    summary: 'Cancel a public warning (a CAP Cancel referencing it)',
    access: ['supervisor'],
    idempotent: true,
    status: 201,
  },
  capFeed: {
    method: 'GET',
    path: '/api/cap/feed',
    summary: 'Atom feed of the public warnings, each linking to its CAP document (public)',
    access: 'public',
  },
  incidentsGeoJson: {
    method: 'GET',
    path: '/api/incidents.geojson',
    summary: 'Incidents as a GeoJSON FeatureCollection (RFC 7946), for GIS tools',
    access: CENTRE,
    query: ZGeoJsonIncidentsQuery,
  },
  unitsGeoJson: {
    method: 'GET',
    path: '/api/units.geojson',
    summary: 'Units with positions as a GeoJSON FeatureCollection (RFC 7946); a station sees its own',
    access: ALL,
  },
  smsInbound: {
    method: 'POST',
    path: '/api/sms/inbound',
    summary: 'SMS 112 from the gateway (a token): stored once per gateway id, live in the inbox',
    access: CENTRE,
    body: ZSmsInbound,
    status: 201,
  },
  smsStatus: {
    method: 'POST',
    path: '/api/sms/status',
    summary: "The gateway's delivery report for an SMS the centre sent (reference = our message id)",
    access: CENTRE,
    body: ZSmsStatus,
  },
  linkMessages: {
    method: 'POST',
    path: '/api/messages/{id}/incident',
    summary: 'Link a conversation to an incident (its transcript becomes an incident note)',
    access: CENTRE,
    body: ZLinkIncident,
    idempotent: true,
  },
  login: {
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Log in; sets the session cookie',
    access: 'public',
    body: ZLogin,
  },
  logout: {
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Log out; ends the session on the server',
    access: 'public',
  },
  me: { method: 'GET', path: '/api/me', summary: 'The current user or token', access: 'authenticated' },
  openapi: { method: 'GET', path: '/api/openapi.json', summary: 'This document', access: 'public' },
  health: {
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness and database reachability',
    access: 'public',
  },
  incidentTypes: {
    method: 'GET',
    path: '/api/incident-types',
    summary: 'Incident type codes with Slovenian and English names',
    access: ALL,
  },
  updateIncidentType: {
    method: 'PUT',
    path: '/api/incident-types/{code}',
    summary: 'Create or change an incident type: names, default priority, needs and protocol questions',
    access: ['supervisor'],
    body: ZIncidentTypeDefinition,
    idempotent: true,
  },
  searchKb: {
    method: 'GET',
    path: '/api/kb',
    summary:
      'Knowledge-base articles: full-text search (?q=) tolerant of diacritics and word forms, or by incident type (?type=)',
    access: CENTRE,
    query: ZKbQuery,
  },
  createIncident: {
    method: 'POST',
    path: '/api/incidents',
    summary: 'Log a new incident',
    access: CENTRE,
    body: ZCreateIncident,
    idempotent: true,
    status: 201,
  },
  listIncidents: {
    method: 'GET',
    path: '/api/incidents',
    summary: 'Incidents (a station: only those it was alerted to)',
    access: ALL,
    query: ZIncidentListQuery,
  },
  nearbyIncidents: {
    method: 'GET',
    path: '/api/incidents/nearby',
    summary:
      'Open incidents near a location within the duplicate radius and time window (possible duplicates)',
    access: CENTRE,
    query: ZNearbyQuery,
  },
  addCaller: {
    method: 'POST',
    path: '/api/incidents/{id}/callers',
    summary: 'Attach another caller (and a note) to an incident instead of opening a duplicate',
    access: CENTRE,
    body: ZAddCaller,
    idempotent: true,
    status: 201,
  },
  getIncident: {
    method: 'GET',
    path: '/api/incidents/{id}',
    summary: 'One incident with assignments and notes',
    access: ALL,
  },
  updateIncident: {
    method: 'PATCH',
    path: '/api/incidents/{id}',
    summary: 'Change an incident; send the version you read (409 when stale)',
    access: CENTRE,
    body: ZUpdateIncident,
    idempotent: true,
  },
  addNote: {
    method: 'POST',
    path: '/api/incidents/{id}/notes',
    summary: 'Add a note to the incident',
    access: ALL,
    body: ZAddNote,
    idempotent: true,
    status: 201,
  },
  assignUnit: {
    method: 'POST',
    path: '/api/incidents/{id}/assignments',
    summary: "Assign a unit; alerts the unit's station",
    access: DISPATCH,
    body: ZAssignUnit,
    idempotent: true,
    status: 201,
  },
  createHandover: {
    method: 'POST',
    path: '/api/incidents/{id}/handovers',
    summary:
      'Hand the incident over to a service outside the centre (police 113, medical dispatch, another centre)',
    access: CENTRE,
    body: ZHandover,
    idempotent: true,
    status: 201,
  },
  listHandovers: {
    method: 'GET',
    path: '/api/handovers',
    summary: 'Hand-overs (a service: its own), with their incidents',
    access: ALL,
    query: ZHandoversQuery,
  },
  ackHandover: {
    method: 'POST',
    path: '/api/handovers/{id}/ack',
    summary: 'The receiving service acknowledges a hand-over',
    access: ['station'],
    idempotent: true,
  },
  recommendations: {
    method: 'GET',
    path: '/api/incidents/{id}/recommendations',
    summary: 'Available units ranked by fitness, service area and distance, with reasons and shortfalls',
    access: CENTRE,
  },
  unitPosition: {
    method: 'POST',
    path: '/api/units/{id}/position',
    summary: 'AVL: where a unit is (vehicle terminal with a station token, or the station screen)',
    access: ['station', 'dispatcher', 'supervisor'],
    body: ZUnitPosition,
  },
  listUnits: {
    method: 'GET',
    path: '/api/units',
    summary: 'Units with station, status and position; ?near=lat,lon sorts by distance',
    access: ALL,
    query: ZUnitsQuery,
  },
  unitStatus: {
    method: 'POST',
    path: '/api/units/{id}/status',
    summary: 'Report a unit status',
    access: ['station', 'dispatcher', 'supervisor'],
    body: ZUnitStatus,
    idempotent: true,
  },
  listStations: {
    method: 'GET',
    path: '/api/stations',
    summary: 'Stations with position and service area',
    access: ALL,
  },
  listAlerts: {
    method: 'GET',
    path: '/api/alerts',
    summary: 'Alerts (a station: its own), unacknowledged first',
    access: ALL,
    query: ZAlertsQuery,
  },
  ackAlert: {
    method: 'POST',
    path: '/api/alerts/{id}/ack',
    summary: 'Acknowledge an alert (idempotent)',
    access: ['station', 'dispatcher', 'supervisor'],
    idempotent: true,
  },
  realert: {
    method: 'POST',
    path: '/api/alerts/{id}/realert',
    summary: 'Alert the station again (an unacknowledged or escalated alert)',
    access: DISPATCH,
    idempotent: true,
  },
  alertDelivered: {
    method: 'POST',
    path: '/api/alerts/{id}/delivered',
    summary: "Delivery receipt from the station's screen",
    access: ['station'],
    idempotent: true,
  },
  geocode: {
    method: 'GET',
    path: '/api/geocode',
    summary: 'Places and addresses matching a text, ranked; tolerant of typos and missing diacritics',
    access: ALL,
    query: ZGeocodeQuery,
  },
  reverseGeocode: {
    method: 'GET',
    path: '/api/geocode/reverse',
    summary: 'The nearest address or place to a position, with its distance',
    access: ALL,
    query: ZReverseQuery,
  },
  geoParse: {
    method: 'GET',
    path: '/api/geo/parse',
    summary: 'Typed coordinates (decimal, DMS or D96/TM) as WGS84 and D96/TM',
    access: ALL,
    query: ZGeoParseQuery,
  },
  aml: {
    method: 'POST',
    path: '/api/aml',
    summary:
      'An AML location: SMS form as text/plain (sender in ?from=) or HTTPS form as application/x-www-form-urlencoded',
    access: CENTRE,
    raw: true,
    query: ZAmlQuery,
    status: 201,
  },
  ecall: {
    method: 'POST',
    path: '/api/ecall',
    summary:
      'An eCall minimum set of data (EN 15722): opens a flagged traffic-accident incident; test calls are only recorded',
    access: CENTRE,
    body: ZEcallMsd,
    status: 201,
  },
  locationFixes: {
    method: 'GET',
    path: '/api/location-fixes',
    summary: "The newest device locations (AML, eCall) of a caller's phone number",
    access: CENTRE,
    query: ZPhoneQuery,
  },
  listEvents: {
    method: 'GET',
    path: '/api/events',
    summary: 'The event log after a seq, filtered by what the caller may see',
    access: ALL,
    query: ZEventsQuery,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof ROUTES;

// Socket messages, authorised by the same kind of table.
export const WS_MESSAGE_ACCESS = {
  subscribe: ALL,
  ping: ALL,
  'alert.delivered': ['station'],
  'alert.ack': ['station', 'dispatcher', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export function allowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'authenticated') return true;
  return access.includes(role);
}
