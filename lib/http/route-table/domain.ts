import { ZLocationNote, ZNotesQuery } from '../../geodata/location-notes';
import {
  ZDangerousGoodsQuery,
  ZHospitalsQuery,
  ZImportQuery,
  ZNearestAedsQuery,
  ZWaterQuery,
} from '../../geodata/schemas';
import { ZAddSubstance } from '../../hazmat/incident-substances';
import {
  ZAckByHand,
  ZAckLink,
  ZAddException,
  ZNotify,
  ZOnDutyQuery,
  ZSaveService,
} from '../../oncall/schemas';
import { ALL, CENTRE, DISPATCH, type RouteSpec, SUPERVISOR } from '../route-spec';

// The centre's domain databases (issue 17): the on-call directory and notifications, defibrillators,
// water sources, hospitals, location notes, dangerous goods, and their imports.
export const DOMAIN_ROUTES = {
  municipalities: {
    method: 'GET',
    path: '/api/municipalities',
    summary: "Slovenia's municipalities (the on-call directory's coverage)",
    access: SUPERVISOR,
  },
  oncallServices: {
    method: 'GET',
    path: '/api/oncall/services',
    summary: 'The on-call directory: services with coverage, contacts, weekly roster and coming exceptions',
    access: SUPERVISOR,
  },
  saveOncallService: {
    method: 'POST',
    path: '/api/oncall/services',
    summary: 'Create or change a service with its weekly roster (replaced as a whole)',
    access: SUPERVISOR,
    body: ZSaveService,
    idempotent: true,
  },
  addOncallException: {
    method: 'POST',
    path: '/api/oncall/services/{id}/exceptions',
    summary: 'A holiday or a swap: another officer on duty from startsAt to endsAt',
    access: SUPERVISOR,
    body: ZAddException,
    idempotent: true,
  },
  removeOncallException: {
    method: 'DELETE',
    path: '/api/oncall/services/{id}/exceptions/{exceptionId}',
    summary: 'Remove an exception',
    access: SUPERVISOR,
  },
  importOncall: {
    accepts: ['text/csv', 'text/plain'],
    method: 'POST',
    path: '/api/oncall/import',
    summary: 'Import the directory from CSV (one row per shift; re-import replaces each listed service)',
    access: SUPERVISOR,
    raw: true,
    largeBody: true,
  },
  onDuty: {
    method: 'GET',
    path: '/api/oncall/on-duty',
    summary: 'Who is on duty for a place (and an incident type or service kind) at an instant',
    access: CENTRE,
    query: ZOnDutyQuery,
  },
  incidentOncall: {
    method: 'GET',
    path: '/api/incidents/{id}/oncall',
    summary: "The services for the incident's place and type (suggested first) and the notifications sent",
    access: CENTRE,
  },
  notifyService: {
    method: 'POST',
    path: '/api/incidents/{id}/notifications',
    summary:
      'Notify an on-call service about the incident (SMS, e-mail, webhook with an acknowledgement link) or record "notified by phone"',
    access: DISPATCH,
    body: ZNotify,
    idempotent: true,
    status: 201,
  },
  acknowledgeNotification: {
    method: 'POST',
    path: '/api/notifications/{id}/acknowledge',
    summary: 'Record that the officer acknowledged (on the phone)',
    access: DISPATCH,
    body: ZAckByHand,
    idempotent: true,
  },
  acknowledgeByLink: {
    method: 'POST',
    path: '/api/oncall/acknowledge',
    summary:
      "The officer's acknowledgement: the token from the link in the notification (the page /ack/{token} or a partner's system)",
    access: 'public',
    body: ZAckLink,
  },
  nearestAeds: {
    method: 'GET',
    path: '/api/aeds/nearest',
    summary:
      'The nearest defibrillators available at an instant (opening hours in Ljubljana time), and the nearest closed ones apart',
    access: CENTRE,
    query: ZNearestAedsQuery,
  },
  waterSources: {
    method: 'GET',
    path: '/api/water-sources',
    summary: 'Hydrants and water sources within a radius, nearest first',
    access: DISPATCH,
    query: ZWaterQuery,
  },
  nearestHospitals: {
    method: 'GET',
    path: '/api/hospitals/nearest',
    summary: 'The nearest hospitals that can take a capability (any emergency department without one)',
    access: DISPATCH,
    query: ZHospitalsQuery,
  },
  incidentSurroundings: {
    method: 'GET',
    path: '/api/incidents/{id}/surroundings',
    summary:
      "What the databases say about the incident's place: location notes, dangerous goods, hydrants, the nearest suitable hospitals and open defibrillators (a station: of its incidents)",
    access: ALL,
  },
  locationNotes: {
    method: 'GET',
    path: '/api/location-notes',
    summary: 'Location notes: those in force reaching a point (lat, lon), or all',
    access: CENTRE,
    query: ZNotesQuery,
  },
  saveLocationNote: {
    method: 'POST',
    path: '/api/location-notes',
    summary: 'Write or change a location note (with id and version)',
    access: DISPATCH,
    body: ZLocationNote,
    idempotent: true,
  },
  deleteLocationNote: {
    method: 'DELETE',
    path: '/api/location-notes/{id}',
    summary: 'Delete a location note (its author or a supervisor)',
    access: DISPATCH,
  },
  dangerousGoods: {
    method: 'GET',
    path: '/api/dangerous-goods',
    summary: 'Look up dangerous goods by UN number, orange plate (33/1203), hazard number or name',
    access: CENTRE,
    query: ZDangerousGoodsQuery,
  },
  addSubstance: {
    method: 'POST',
    path: '/api/incidents/{id}/substances',
    summary: "Record a substance at the incident (UN number and the plate's hazard number)",
    access: DISPATCH,
    body: ZAddSubstance,
    idempotent: true,
    status: 201,
  },
  removeSubstance: {
    method: 'DELETE',
    path: '/api/incidents/{id}/substances/{substanceId}',
    summary: 'Remove a substance recorded by mistake',
    access: DISPATCH,
  },
  importDomainData: {
    accepts: ['application/geo+json', 'application/json', 'text/csv', 'text/plain'],
    method: 'POST',
    path: '/api/domain/import',
    summary:
      'Import defibrillators, water sources, hospitals, location notes (GeoJSON from OpenStreetMap or CSV, WGS84 or D96/TM) or dangerous goods (CSV); idempotent, refused entries named by line',
    access: SUPERVISOR,
    raw: true,
    largeBody: true,
    query: ZImportQuery,
  },
  domainSummary: {
    method: 'GET',
    path: '/api/domain/summary',
    summary: 'How many entries each domain database holds, and how many are flagged',
    access: SUPERVISOR,
  },
} as const satisfies Record<string, RouteSpec>;
