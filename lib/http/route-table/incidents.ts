import { ZAlertsQuery } from '../../alerts/list-alerts';
import { ZHandover, ZHandoversQuery } from '../../handovers/schemas';
import {
  ZAddCaller,
  ZAddNote,
  ZAssignUnit,
  ZCreateIncident,
  ZIncidentListQuery,
  ZNearbyQuery,
  ZUpdateIncident,
} from '../../incidents/schemas';
import { ZUnitPosition, ZUnitStatus, ZUnitsQuery } from '../../units/schemas';
import { ALL, CENTRE, DISPATCH, type RouteSpec } from '../route-spec';

// The work on incidents: logging, the board, assignment and alerts, hand-overs, units' statuses and
// positions.
export const INCIDENT_ROUTES = {
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
} as const satisfies Record<string, RouteSpec>;
