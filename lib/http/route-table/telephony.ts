import {
  ZCallback,
  ZCallsQuery,
  ZEdgeDelivery,
  ZLinkCall,
  ZMyPosition,
  ZTransferCall,
} from '../../telephony/schemas';
import { CENTRE, type RouteSpec } from '../route-spec';

// The 112 call (issue 16): the SIP edge's call events, the call queue and call-back list, and what a
// call-taker does with a call.
export const TELEPHONY_ROUTES = {
  telephonyEvents: {
    method: 'POST',
    path: '/api/telephony/events',
    summary:
      "The SIP edge's account of calls (offered, ringing, answered, abandoned, ended, transferred, registered), one event or a batch in order: only with TELEPHONY_TOKEN, from TELEPHONY_ALLOWED_ADDRESSES; each event applied once (by id)",
    access: 'public',
    body: ZEdgeDelivery,
  },
  listCalls: {
    method: 'GET',
    path: '/api/calls',
    summary: 'Calls: waiting (the queue), callback (abandoned in 24 h), active, recent (24 h)',
    access: CENTRE,
    query: ZCallsQuery,
  },
  getCall: {
    method: 'GET',
    path: '/api/calls/{id}',
    summary:
      "One call with the caller's network location, additional data, history and the INVITE as received",
    access: CENTRE,
  },
  linkCall: {
    method: 'POST',
    path: '/api/calls/{id}/incident',
    summary: 'Attach the call to an incident (new, or existing for a repeat caller); noted on the incident',
    access: CENTRE,
    body: ZLinkCall,
    idempotent: true,
  },
  transferCall: {
    method: 'POST',
    path: '/api/calls/{id}/transfer',
    summary: 'Transfer a call in progress to a service (a REFER through the SIP edge)',
    access: CENTRE,
    body: ZTransferCall,
    idempotent: true,
  },
  callbackCall: {
    method: 'POST',
    path: '/api/calls/{id}/callback',
    summary: 'Record the call-back of an abandoned call (outcome and note)',
    access: CENTRE,
    body: ZCallback,
    idempotent: true,
  },
  telephonyPositions: {
    method: 'GET',
    path: '/api/telephony/positions',
    summary: 'Call-taker positions: whose phone is registered, who sits where',
    access: CENTRE,
  },
  telephonyTargets: {
    method: 'GET',
    path: '/api/telephony/targets',
    summary: 'Services a call can be transferred to (stations with a transfer number)',
    access: CENTRE,
  },
  myPosition: {
    method: 'POST',
    path: '/api/me/position',
    summary: 'Sit down at a position (its answered calls open on your screen), or leave it (null)',
    access: CENTRE,
    body: ZMyPosition,
    idempotent: true,
  },
} as const satisfies Record<string, RouteSpec>;
