import { ZAuditQuery } from '../../audit/list-audit';
import { ZCreateApiToken } from '../../auth/manage-api-tokens';
import { ZKbArticle } from '../../kb/save-kb-article';
import { ZReplayWindow } from '../../replay/load-replay';
import { ZCreateStation, ZUpdateStation } from '../../stations/save-station';
import { ZStatsQuery } from '../../stats/schemas';
import { ZIncidentTypeDefinition } from '../../triage/schemas';
import { ZCreateUnit, ZUpdateUnit } from '../../units/save-unit';
import { ZCreateUser, ZResetPassword, ZUpdateUser } from '../../users/schemas';
import { ZCreateWebhook } from '../../webhooks/manage-webhooks';
import { ALL, DISPATCH, type RouteSpec, SUPERVISOR } from '../route-spec';

// Supervisors' work: statistics, audit, replay, administration (accounts, stations, units, types,
// knowledge base, tokens, webhooks) and monitoring.
export const SUPERVISION_ROUTES = {
  statsSummary: {
    produces: ['text/csv'],
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
    produces: ['text/csv'],
    method: 'GET',
    path: '/api/audit',
    summary:
      'The audit trail (the append-only event log), newest first, by user, incident, unit, event type and time; paged with before=seq; format=csv',
    access: SUPERVISOR,
    query: ZAuditQuery,
  },
  auditChain: {
    method: 'GET',
    path: '/api/audit/chain',
    summary:
      "The event log's protection: whether the server's database role could alter it, the chain's head, the anchors and where they are written",
    access: SUPERVISOR,
  },
  verifyAuditChain: {
    method: 'GET',
    path: '/api/audit/chain/verify',
    summary:
      "Walks the hash chain of the whole event log and checks the anchors (the database's and the anchor file's); reports the first broken link",
    access: SUPERVISOR,
  },
  anchorAuditChain: {
    method: 'POST',
    path: '/api/audit/anchors',
    summary: "Writes the chain's head now to the anchor file and address (as the periodic anchor does)",
    access: SUPERVISOR,
    idempotent: true,
    status: 201,
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
} as const satisfies Record<string, RouteSpec>;
