import { ZEcallQuery } from '../../ecall/schemas';
import { ZGeoJsonIncidentsQuery } from '../../interop/geojson';
import { ZPublicAlert } from '../../interop/public-alerts';
import { ZAmlQuery, ZPhoneQuery } from '../../locations/schemas';
import { ZClaim, ZLinkIncident, ZMessagesQuery, ZReply } from '../../messages/schemas';
import { ZSmsInbound, ZSmsStatus } from '../../messages/sms';
import { ALL, CENTRE, DISPATCH, type RouteSpec } from '../route-spec';

// The centre's channels to the outside: the written channels (e-mail, SMS), device locations (AML,
// eCall), interoperability (CAP, EMSI, GeoJSON) and public warnings.
export const CHANNEL_ROUTES = {
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
  incidentCap: {
    produces: ['application/cap+xml'],
    method: 'GET',
    path: '/api/incidents/{id}/cap',
    summary:
      'The incident as a CAP 1.2 alert (sl-SI and en-US info blocks, area circle); Update/Cancel reference the first alert',
    access: ALL,
  },
  incidentEmsi: {
    produces: ['application/xml'],
    method: 'GET',
    path: '/api/incidents/{id}/emsi',
    summary: 'The incident as an EMSI (ISO/TR 22351) message: CONTEXT, EVENT, RESOURCE and MISSION',
    access: ALL,
  },
  importEmsi: {
    accepts: ['application/xml'],
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
    produces: ['application/cap+xml'],
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
    produces: ['application/atom+xml'],
    method: 'GET',
    path: '/api/cap/feed',
    summary: 'Atom feed of the public warnings, each linking to its CAP document (public)',
    access: 'public',
  },
  incidentsGeoJson: {
    produces: ['application/geo+json'],
    method: 'GET',
    path: '/api/incidents.geojson',
    summary: 'Incidents as a GeoJSON FeatureCollection (RFC 7946), for GIS tools',
    access: CENTRE,
    query: ZGeoJsonIncidentsQuery,
  },
  unitsGeoJson: {
    produces: ['application/geo+json'],
    method: 'GET',
    path: '/api/units.geojson',
    summary: 'Units with positions as a GeoJSON FeatureCollection (RFC 7946); a station sees its own',
    access: ALL,
  },
  aml: {
    accepts: ['text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded'],
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
    accepts: [
      'application/emergencyCallData.eCall.MSD',
      'application/octet-stream',
      'text/plain',
      'application/json',
    ],
    method: 'POST',
    path: '/api/ecall',
    summary:
      'An eCall minimum set of data (EN 15722, any MSD version): binary UPER as application/emergencyCallData.eCall.MSD or application/octet-stream, hex/base64 as text/plain, or JSON with the standard element names; opens a flagged traffic-accident incident, or waits for a location when the car sent none; test calls are only recorded',
    access: CENTRE,
    raw: true,
    query: ZEcallQuery,
    status: 201,
  },
  ecallPending: {
    method: 'GET',
    path: '/api/ecall',
    summary: 'eCalls of the last 24 hours that wait for a location (no incident yet, not a test)',
    access: CENTRE,
  },
  ecallGet: {
    method: 'GET',
    path: '/api/ecall/{id}',
    summary: 'One received eCall as read (reserved values as unknown, doubts named)',
    access: CENTRE,
  },
  ecallLink: {
    method: 'POST',
    path: '/api/ecall/{id}/incident',
    summary:
      'Attach a waiting eCall to the incident the call-taker opened with the location (vehicle data noted)',
    access: CENTRE,
    body: ZLinkIncident,
    idempotent: true,
  },
  locationFixes: {
    method: 'GET',
    path: '/api/location-fixes',
    summary: "The newest device locations (AML, eCall) of a caller's phone number",
    access: CENTRE,
    query: ZPhoneQuery,
  },
} as const satisfies Record<string, RouteSpec>;
