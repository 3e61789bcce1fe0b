import type { Role } from '../../db/schema/enums';
import { ALL, type RouteSpec } from './route-spec';
import { CENTRE_ROUTES } from './route-table/centres';
import { CHANNEL_ROUTES } from './route-table/channels';
import { DOMAIN_ROUTES } from './route-table/domain';
import { INCIDENT_ROUTES } from './route-table/incidents';
import { SESSION_ROUTES } from './route-table/session';
import { SUPERVISION_ROUTES } from './route-table/supervision';
import { TELEPHONY_ROUTES } from './route-table/telephony';

// Every HTTP endpoint in one table: who may call it, what it takes (schemas by reference, kept beside
// their operations). The route handlers, the authorisation checks, the OpenAPI document and the
// authorisation-matrix test all read this table, so an endpoint without a rule cannot exist.

export { type Access, allowed, type RouteSpec } from './route-spec';

export const ROUTES = {
  ...SESSION_ROUTES,
  ...INCIDENT_ROUTES,
  ...CHANNEL_ROUTES,
  ...SUPERVISION_ROUTES,
  ...TELEPHONY_ROUTES,
  ...DOMAIN_ROUTES,
  ...CENTRE_ROUTES,
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof ROUTES;

// Socket messages, authorised by the same kind of table.
export const WS_MESSAGE_ACCESS = {
  subscribe: ALL,
  ping: ALL,
  'alert.delivered': ['station'],
  'alert.ack': ['station', 'dispatcher', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;
