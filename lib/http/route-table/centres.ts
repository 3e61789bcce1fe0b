import { ZRequestTransfer, ZStartTakeover, ZTransfersQuery } from '../../centres/schemas';
import { type Access, CENTRE, type RouteSpec } from '../route-spec';

// One country, 13 centres (issue 20): the centres and their load (the national picture), take-overs
// between centres, hand-overs of incidents from centre to centre, and the edge's routing question.

const CENTRE_AND_NATIONAL: Access = [...CENTRE, 'national'];
const DECIDERS: Access = ['supervisor', 'national'];

export const CENTRE_ROUTES = {
  listCentres: {
    method: 'GET',
    path: '/api/centres',
    summary:
      'The 13 regional centres with their load now: open incidents, waiting calls, units by status, answer times in the last hour, take-over state',
    access: CENTRE_AND_NATIONAL,
  },
  startTakeover: {
    method: 'POST',
    path: '/api/centres/{id}/takeover',
    summary:
      "The partner centre takes over the centre's calls and new incidents (night, evacuation, decision): the centre's or the partner's supervisor, or national",
    access: DECIDERS,
    body: ZStartTakeover,
    idempotent: true,
    status: 201,
  },
  endTakeover: {
    method: 'POST',
    path: '/api/centres/{id}/takeover/end',
    summary: 'The centre handles its region again (ends the open take-over, overflow included)',
    access: DECIDERS,
    idempotent: true,
  },
  requestTransfer: {
    method: 'POST',
    path: '/api/incidents/{id}/transfers',
    summary:
      'The owning centre hands the incident over to another centre; it is the other centre’s once acknowledged',
    access: CENTRE_AND_NATIONAL,
    body: ZRequestTransfer,
    idempotent: true,
    status: 201,
  },
  listTransfers: {
    method: 'GET',
    path: '/api/transfers',
    summary: 'Hand-overs between centres: pending ones for my centre (national: all), or the last 200',
    access: CENTRE_AND_NATIONAL,
    query: ZTransfersQuery,
  },
  acceptTransfer: {
    method: 'POST',
    path: '/api/transfers/{id}/accept',
    summary: 'The receiving centre acknowledges a hand-over: the incident is its own from now on',
    access: CENTRE_AND_NATIONAL,
    idempotent: true,
  },
  telephonyRoute: {
    method: 'GET',
    path: '/api/telephony/route/{code}',
    summary:
      "The edge asks before it rings: which centre's positions answer a call for this centre now (only with TELEPHONY_TOKEN)",
    access: 'public',
  },
} as const satisfies Record<string, RouteSpec>;
