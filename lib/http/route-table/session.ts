import { ZLogin } from '../../auth/login';
import { ZEventsQuery } from '../../events/list-events';
import { ZGeocodeQuery, ZGeoParseQuery, ZReverseQuery } from '../../geo/schemas';
import { ZKbQuery } from '../../kb/search-kb';
import { ALL, CENTRE, type RouteSpec } from '../route-spec';

// Signing in and out, the API's own documents, the event log, and the lookups every screen uses
// (gazetteer, coordinates, knowledge base).
export const SESSION_ROUTES = {
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
  listEvents: {
    method: 'GET',
    path: '/api/events',
    summary: 'The event log after a seq, filtered by what the caller may see',
    access: ALL,
    query: ZEventsQuery,
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
  searchKb: {
    method: 'GET',
    path: '/api/kb',
    summary:
      'Knowledge-base articles: full-text search (?q=) tolerant of diacritics and word forms, or by incident type (?type=)',
    access: CENTRE,
    query: ZKbQuery,
  },
} as const satisfies Record<string, RouteSpec>;
